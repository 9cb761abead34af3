package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestDeterministic extracts the largest case twice from scratch (separate
// indexes, so mcu.o is compiled twice) and requires bit-identical output.
func TestDeterministic(t *testing.T) {
	c := loadCases(t)[largestCase]
	var dirs []string
	for i := 0; i < 2; i++ {
		tmp := t.TempDir()
		out := filepath.Join(tmp, "mcu")
		if _, err := Run(context.Background(), Options{Repo: filepath.Join("testdata", largestCase), Entry: c.Entry,
			CFlags: c.CFlags, Prefer: c.Prefer, DB: filepath.Join(tmp, "index.db"), Out: out}); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, out)
	}
	for _, f := range []string{"functions.json", "maps.json", "warnings.json", "mcu.c", "mcu.o"} {
		a, err := os.ReadFile(filepath.Join(dirs[0], f))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dirs[1], f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", f)
		}
		if bytes.Contains(a, []byte(dirs[0])) {
			t.Errorf("%s contains the absolute output path", f)
		}
	}
}

// TestRerunReplaces checks that extracting into an existing directory
// replaces it and leaves no temporary directories behind.
func TestRerunReplaces(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "mcu")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "stale"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c := loadCases(t)["inline_chain"]
	if _, err := Run(context.Background(), Options{Repo: "testdata/inline_chain", Entry: c.Entry, CFlags: c.CFlags,
		DB: filepath.Join(tmp, "index.db"), Out: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "stale")); err == nil {
		t.Error("old directory content survived")
	}
	ents, _ := os.ReadDir(tmp)
	for _, e := range ents {
		if e.Name() != "mcu" && e.Name() != "index.db" && !bytes.HasPrefix([]byte(e.Name()), []byte("index.db-")) {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
