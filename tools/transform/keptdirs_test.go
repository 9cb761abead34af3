package transform

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/loader"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// keptDirCases are units whose mcu.c is not self-contained: a system header it includes opens
// a header of the repository by name, so the extraction kept a repository include directory
// and recorded it in functions.json (repo, include_dirs). testdata/keptdirs holds our own
// small repositories and the units opened extract wrote from them (README.md there).
var keptDirCases = []struct {
	unit, to string
	dir      string // the kept include directory, relative to the repository
	debugDir string // how mcu.o's debug information names the kept header's directory ("": not checked)
}{
	// The project's <asm/types.h> wins over the host's; the system <linux/types.h> includes it.
	{"regsum", "tc-ingress", "include", "include/asm"},
	// -nostdinc: the host's <asm/types.h> includes the project's <asm-generic/types.h>.
	{"lenclass", "tc-egress", "include", "include/asm-generic"},
	// -I. : the kept directory is the repository root; a port from tc to XDP.
	{"tcmark", "xdp", ".", ""},
}

func keptDirUnit(name string) string { return filepath.Join("testdata", "keptdirs", "units", name) }

// TestKeptIncludeDirs ports each unit, wherever the port is written, and loads the original
// and the port in the kernel verifier. The port records the same include directories
// relative to its own directory, and its files hold no absolute path: mcu.o names the kept
// headers relative to the repository, so it is the same at any depth.
func TestKeptIncludeDirs(t *testing.T) {
	for _, c := range keptDirCases {
		t.Run(c.unit+"-"+c.to, func(t *testing.T) {
			repo, err := filepath.Abs(filepath.Join("testdata", "keptdirs", "repos", c.unit))
			if err != nil {
				t.Fatal(err)
			}
			tmp := t.TempDir()
			var outs []string
			for _, sub := range []string{"port", filepath.Join("a", "b", "port")} {
				out := filepath.Join(tmp, sub)
				res, err := Run(context.Background(), Options{Unit: keptDirUnit(c.unit), To: c.to, Out: out})
				if err != nil {
					t.Fatalf("transform: %v", err)
				}
				t.Logf("%s -> %s: %d changes", c.unit, c.to, len(res.Changes.Changes))
				outs = append(outs, out)
			}
			for _, dir := range []string{keptDirUnit(c.unit), outs[0], outs[1]} {
				r, err := loader.VerifyUnit(dir)
				if err != nil {
					t.Fatalf("verify %s: %v", dir, err)
				}
				t.Logf("%s: %s at %s: %d instructions, %d processed", dir, r.Program, r.Section, r.Instructions, r.VerifiedInstructions)
			}
			for _, out := range outs {
				var raw struct {
					Repo        string           `json:"repo"`
					IncludeDirs []mcu.IncludeDir `json:"include_dirs"`
				}
				b, err := os.ReadFile(filepath.Join(out, mcu.FunctionsFile))
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(b, &raw); err != nil {
					t.Fatal(err)
				}
				abs, _ := filepath.Abs(out)
				want, _ := filepath.Rel(abs, repo)
				if raw.Repo != filepath.ToSlash(want) {
					t.Errorf("%s: repo %q, want %q (the repository relative to the port)", out, raw.Repo, want)
				}
				if len(raw.IncludeDirs) != 1 || raw.IncludeDirs[0] != (mcu.IncludeDir{Flag: "-I", Dir: c.dir}) {
					t.Errorf("%s: include_dirs %+v, want [{-I %s}]", out, raw.IncludeDirs, c.dir)
				}
				for _, f := range []string{mcu.SourceFile, mcu.ObjectFile, mcu.FunctionsFile, mcu.ChangesFile} {
					b, err := os.ReadFile(filepath.Join(out, f))
					if err != nil {
						t.Fatal(err)
					}
					for _, p := range []string{repo, tmp} {
						if f == mcu.FunctionsFile && p == repo {
							continue // repo, relative from /tmp, ends with the repository's absolute path
						}
						if bytes.Contains(b, []byte(p)) {
							t.Errorf("%s/%s holds the absolute path %s", out, f, p)
						}
					}
				}
			}
			for _, f := range []string{mcu.SourceFile, mcu.ObjectFile} {
				a, _ := os.ReadFile(filepath.Join(outs[0], f))
				b, _ := os.ReadFile(filepath.Join(outs[1], f))
				if !bytes.Equal(a, b) {
					t.Errorf("the port's %s differs between two output depths", f)
				}
			}
			if c.debugDir != "" {
				o, _ := os.ReadFile(filepath.Join(outs[0], mcu.ObjectFile))
				if !bytes.Contains(o, []byte(c.debugDir+"\x00")) {
					t.Errorf("the port's mcu.o does not name %s (the kept header's directory, relative to the repository)", c.debugDir)
				}
			}
		})
	}
}

// TestKeptIncludeDirsNeeded: the same units without their include directories do not port
// (what transform did before it read include_dirs), and a unit copied away from its
// repository is refused naming functions.json, the directory and the fix.
func TestKeptIncludeDirsNeeded(t *testing.T) {
	for _, c := range keptDirCases {
		t.Run(c.unit, func(t *testing.T) {
			u, err := mcu.Read(keptDirUnit(c.unit))
			if err != nil {
				t.Fatal(err)
			}
			stripped := filepath.Join(t.TempDir(), "stripped")
			u.Functions.Repo, u.Functions.IncludeDirs = "", nil
			if err := mcu.Write(stripped, u); err != nil {
				t.Fatal(err)
			}
			if _, err := Run(context.Background(), Options{Unit: stripped, To: c.to}); err == nil {
				t.Errorf("%s without include_dirs ported; the case does not need its kept directory", c.unit)
			}

			moved := filepath.Join(t.TempDir(), "x", "y", "z", "moved")
			if err := os.MkdirAll(moved, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{mcu.FunctionsFile, mcu.MapsFile, mcu.WarningsFile, mcu.SourceFile, mcu.ObjectFile} {
				b, err := os.ReadFile(filepath.Join(keptDirUnit(c.unit), f))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(moved, f), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(t.TempDir(), "port")
			_, err = Run(context.Background(), Options{Unit: moved, To: c.to, Out: out})
			var fe *mcu.FormatError
			if !errors.As(err, &fe) || fe.Path != filepath.Join(moved, mcu.FunctionsFile) ||
				!strings.Contains(err.Error(), "include_dirs: "+c.dir+" of the repository is not at") {
				t.Fatalf("moved unit: error %v; want a *mcu.FormatError naming %s and the include directory", err, filepath.Join(moved, mcu.FunctionsFile))
			}
			if exists(out) {
				t.Errorf("%s written after an error", out)
			}
		})
	}
}
