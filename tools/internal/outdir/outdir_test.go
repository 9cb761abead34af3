package outdir

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var unitKind = Kind{Name: "unit", Key: "functions.json", Files: []string{"functions.json", "mcu.c", "mcu.o"}}

// tree creates files (name -> content; a name ending in "/" is a directory) under dir.
func tree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot returns every file under dir with its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if info.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		b, _ := os.ReadFile(p)
		out[rel] = string(b)
		return nil
	})
	return out
}

func fillUnit(dir string) error {
	for _, f := range []string{"functions.json", "mcu.c", "mcu.o"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("new "+f), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// TestWriteRefuses: every destination that is not OPENED's is refused with the cause, and the
// whole tree is left exactly as it was (no temporary directory either).
func TestWriteRefuses(t *testing.T) {
	for _, tc := range []struct {
		name    string
		files   map[string]string
		out     string // relative to the test root
		protect string // relative to the test root
		want    string
	}{
		{"user directory", map[string]string{"mine/notes.txt": "keep"}, "mine", "", "is a directory OPENED did not write (it holds notes.txt)"},
		{"regular file", map[string]string{"file": "keep"}, "file", "", "exists and is not a directory"},
		{"the repository", map[string]string{"repo/src/a.c": "int x;"}, "repo", "repo", "over the repository"},
		{"inside the repository", map[string]string{"repo/src/a.c": "int x;"}, "repo/out", "repo", "inside the repository"},
		{"inside, not yet existing", map[string]string{"repo/a.c": "int x;"}, "repo/a/b/c", "repo", "inside the repository"},
		{"a parent of the repository", map[string]string{"p/repo/a.c": "int x;"}, "p", "p/repo", "contains the repository"},
		{"unit dir with a user file added", map[string]string{"u/functions.json": "{}", "u/mcu.c": "", "u/todo.txt": "keep"}, "u", "", "OPENED did not write (it holds todo.txt)"},
		{"marked unit with a user file added", map[string]string{"u/.opened": "unit\nfunctions.json\n", "u/functions.json": "{}", "u/mcu.c": "keep"}, "u", "", "OPENED did not write (it holds mcu.c)"},
		{"another kind", map[string]string{"p/.opened": "pipeline\nmanifest.json\n", "p/manifest.json": "{}"}, "p", "", `another kind ("pipeline")`},
		{"a user's src named like a stage", map[string]string{"src/main.c": "int main;", "src/lib/x.c": ""}, "src", "", "OPENED did not write (it holds lib, main.c)"},
		{"only kind files but no key", map[string]string{"d/mcu.c": "mine"}, "d", "", "not an OPENED unit directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			tree(t, root, tc.files)
			before := snapshot(t, root)
			var protect []string
			if tc.protect != "" {
				protect = []string{filepath.Join(root, tc.protect)}
			}
			err := Write(filepath.Join(root, tc.out), unitKind, protect, fillUnit)
			var oe *Error
			if !errors.As(err, &oe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want an *Error containing %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), filepath.Join(root, tc.out)+": ") {
				t.Errorf("error does not name the destination first: %v", err)
			}
			after := snapshot(t, root)
			if len(after) != len(before) {
				t.Errorf("tree changed:\nbefore %v\nafter  %v", before, after)
			}
			for k, v := range before {
				if after[k] != v {
					t.Errorf("%s changed", k)
				}
			}
		})
	}
}

// TestWriteReplaces: what OPENED wrote (marked, or an unmarked unit of exactly the kind's
// files) and empty or missing destinations are written, with a marker listing the files.
func TestWriteReplaces(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		out   string
	}{
		{"missing", nil, "u"},
		{"missing parents", nil, "a/b/u"},
		{"empty directory", map[string]string{"u/": ""}, "u"},
		{"unmarked unit", map[string]string{"u/functions.json": "{}", "u/mcu.c": "old"}, "u"},
		{"marked unit", map[string]string{"u/.opened": "unit\nfunctions.json\nmcu.c\nmcu.o\n", "u/functions.json": "{}", "u/mcu.c": "old", "u/mcu.o": "old"}, "u"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			tree(t, root, tc.files)
			out := filepath.Join(root, tc.out)
			if err := Write(out, unitKind, []string{filepath.Join(root, "elsewhere")}, fillUnit); err != nil {
				t.Fatal(err)
			}
			got := snapshot(t, out)
			want := map[string]string{"./": "", ".opened": "unit\nfunctions.json\nmcu.c\nmcu.o\n", "functions.json": "new functions.json", "mcu.c": "new mcu.c", "mcu.o": "new mcu.o"}
			if len(got) != len(want) {
				t.Fatalf("got %v, want %v", got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
			ents, _ := os.ReadDir(filepath.Dir(out))
			for _, e := range ents {
				if strings.Contains(e.Name(), tmpTag) {
					t.Errorf("temporary %s left behind", e.Name())
				}
			}
		})
	}
}

// TestBatchAllOrNothing: a failing second directory leaves the first one's old content and no
// temporary directory.
func TestBatchAllOrNothing(t *testing.T) {
	root := t.TempDir()
	tree(t, root, map[string]string{"a/functions.json": "old a"})
	before := snapshot(t, root)
	var b Batch
	if err := b.Add(filepath.Join(root, "a"), unitKind, nil, fillUnit); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("stage b failed")
	if err := b.Add(filepath.Join(root, "b"), unitKind, nil, func(string) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err) // an aborted batch commits nothing
	}
	after := snapshot(t, root)
	if len(after) != len(before) || after["a/functions.json"] != "old a" {
		t.Errorf("tree changed:\nbefore %v\nafter  %v", before, after)
	}
}

// TestSweep: temporary directories of dead processes go, those of live ones and other names stay.
func TestSweep(t *testing.T) {
	root := t.TempDir()
	dead := ".u" + tmpTag + "999999999-123"
	mine := ".u" + tmpTag + itoa(os.Getpid()) + "-5"
	tree(t, root, map[string]string{dead + "/mcu.c": "", dead + ".old/mcu.c": "", mine + "/mcu.c": "", ".u.tmp-77/x": "", "keep/x": ""})
	Sweep(root)
	got := snapshot(t, root)
	for _, gone := range []string{dead + "/", dead + ".old/"} {
		if _, ok := got[gone]; ok {
			t.Errorf("%s not swept", gone)
		}
	}
	for _, kept := range []string{mine + "/", ".u.tmp-77/", "keep/"} {
		if _, ok := got[kept]; !ok {
			t.Errorf("%s swept", kept)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
