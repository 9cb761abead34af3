package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// copyTree copies a corpus repository so a test can point --out at it.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if out, err := exec.Command("cp", "-a", src, dst).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v: %s", err, out)
	}
}

// tree returns every path under dir with its content (directories end in "/").
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if info.IsDir() {
			out[rel+"/"] = ""
		} else {
			b, _ := os.ReadFile(p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

// TestOutNeverDestroys: every way of pointing --out at something that is not OPENED's output
// fails with the cause, and the whole working tree is byte-for-byte as before (no temporary
// directory, no first stage of a failed spec).
func TestOutNeverDestroys(t *testing.T) {
	abs, err := filepath.Abs(corpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		// setup prepares the working directory ws (the repository is ws/repo) and returns the
		// arguments after "extract".
		setup func(t *testing.T, ws string) []string
		err   string
	}{
		{"out is a user directory", func(t *testing.T, ws string) []string {
			os.MkdirAll(filepath.Join(ws, "mine"), 0o755)
			os.WriteFile(filepath.Join(ws, "mine", "thesis.tex"), []byte("years of work"), 0o644)
			return []string{"--repo", "repo", "--entry", "xdp_filter", "--cflags", "-Iinclude", "--out", "mine"}
		}, "mine: is a directory OPENED did not write (it holds thesis.tex)"},
		{"out is a regular file", func(t *testing.T, ws string) []string {
			os.WriteFile(filepath.Join(ws, "notes"), []byte("mine"), 0o644)
			return []string{"--repo", "repo", "--entry", "xdp_filter", "--cflags", "-Iinclude", "--out", "notes"}
		}, "notes: exists and is not a directory"},
		{"out is the repository", func(t *testing.T, ws string) []string {
			return []string{"--repo", "repo", "--entry", "xdp_filter", "--cflags", "-Iinclude", "--out", "repo"}
		}, "repo: refusing to write the output over the repository"},
		{"out is inside the repository", func(t *testing.T, ws string) []string {
			return []string{"--repo", "repo", "--entry", "xdp_filter", "--cflags", "-Iinclude", "--out", "repo/src"}
		}, "repo/src: refusing to write the output inside the repository"},
		{"out is a parent of the repository", func(t *testing.T, ws string) []string {
			return []string{"--repo", "repo", "--entry", "xdp_filter", "--cflags", "-Iinclude", "--out", "."}
		}, "refusing to replace a directory that contains the repository"},
		{"spec: every stage, a stage named like a user directory", func(t *testing.T, ws string) []string {
			os.MkdirAll(filepath.Join(ws, "src"), 0o755)
			os.WriteFile(filepath.Join(ws, "src", "main.c"), []byte("int main;"), 0o644)
			os.WriteFile(filepath.Join(ws, "opened.yaml"), []byte("extract:\n  - name: ok\n    repo: repo\n    entry: xdp_filter\n    cflags: [-Iinclude]\n"+
				"  - name: src\n    repo: repo\n    entry: xdp_filter\n    cflags: [-Iinclude]\n"), 0o644)
			return []string{"--spec", "opened.yaml", "--out", "."}
		}, "src: is a directory OPENED did not write (it holds main.c)"},
		{"spec: the second stage fails, the first is not left", func(t *testing.T, ws string) []string {
			os.WriteFile(filepath.Join(ws, "opened.yaml"), []byte("extract:\n  - name: first\n    repo: repo\n    entry: xdp_filter\n    cflags: [-Iinclude]\n"+
				"  - name: second\n    repo: repo\n    entry: no_such_function\n    cflags: [-Iinclude]\n"), 0o644)
			return []string{"--spec", "opened.yaml", "--out", "units"}
		}, "no_such_function"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := t.TempDir()
			copyTree(t, filepath.Join(abs, "inline_chain"), filepath.Join(ws, "repo"))
			args := tc.setup(t, ws)
			before := treeOf(t, ws)
			wd, _ := os.Getwd()
			if err := os.Chdir(ws); err != nil {
				t.Fatal(err)
			}
			err := run(append([]string{"extract", "--db", filepath.Join(t.TempDir(), "i.db")}, args...), io.Discard, io.Discard)
			os.Chdir(wd)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("err = %v, want one containing %q", err, tc.err)
			}
			after := treeOf(t, ws)
			for k, v := range before {
				if a, ok := after[k]; !ok || a != v {
					t.Errorf("%s changed or removed", k)
				}
			}
			for k := range after {
				if _, ok := before[k]; !ok {
					t.Errorf("%s left behind", k)
				}
			}
		})
	}
}
