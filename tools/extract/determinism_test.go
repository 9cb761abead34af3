package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
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

// TestRerunReplaces checks that extracting into a unit OPENED wrote replaces it (a stale file
// of a unit's own names goes), refuses a directory holding anything else, and leaves no
// temporary directories behind.
func TestRerunReplaces(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "mcu")
	c := loadCases(t)["inline_chain"]
	opts := Options{Repo: "testdata/inline_chain", Entry: c.Entry, CFlags: c.CFlags, DB: filepath.Join(tmp, "index.db"), Out: out}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	// A rerun over the unit replaces it.
	if err := os.WriteFile(filepath.Join(out, "mcu.c"), []byte("stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "mcu.c")); string(b) == "stale" {
		t.Error("old directory content survived")
	}
	// A user's file in it: refused, nothing touched.
	if err := os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), opts); err == nil || !strings.Contains(err.Error(), "OPENED did not write (it holds notes.txt)") {
		t.Errorf("err = %v, want a refusal naming notes.txt", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "notes.txt")); string(b) != "mine" {
		t.Error("the user's file was touched")
	}
	ents, _ := os.ReadDir(tmp)
	for _, e := range ents {
		if e.Name() != "mcu" && e.Name() != "index.db" && !bytes.HasPrefix([]byte(e.Name()), []byte("index.db-")) {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
