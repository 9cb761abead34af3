package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/loader"
)

// TestFallbackForm forces the fallback form of mcu.c (the entry's file with
// its project headers inlined) on cases with cross-unit definitions, legacy
// maps and macro-made names, and requires that it compiles, loads, and that
// functions.json points at the right mcu.c lines.
func TestFallbackForm(t *testing.T) {
	cases := loadCases(t)
	for _, name := range []string{"global_subprog", "macro_names", "maps_legacy", "inline_chain", "real_nostdinc"} {
		c := cases[name]
		t.Run(name, func(t *testing.T) {
			tmp := t.TempDir()
			out := filepath.Join(tmp, "mcu")
			res, err := Run(context.Background(), Options{Repo: c.Dir, Entry: c.Entry, CFlags: c.CFlags,
				Prefer: c.Prefer, DB: filepath.Join(tmp, "index.db"), Out: out, forceFallback: true,
				Verify: func(dir string) error { _, err := loader.VerifyUnit(dir); return err }})
			if err != nil {
				t.Fatal(err)
			}
			src, err := os.ReadFile(filepath.Join(out, "mcu.c"))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(src), "\n")
			for _, f := range res.Functions.Functions {
				orig, err := os.ReadFile(filepath.Join(c.Dir, f.File))
				if err != nil {
					t.Fatal(err)
				}
				want := strings.Split(string(orig), "\n")[f.StartLine-1]
				if f.MCUStartLine < 1 || f.MCUStartLine > len(lines) || lines[f.MCUStartLine-1] != want {
					t.Errorf("%s: mcu.c line %d is not its first line %q", f.Name, f.MCUStartLine, want)
				}
			}
		})
	}
}
