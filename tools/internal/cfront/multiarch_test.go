package cfront

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestMultiarchMatchesClang checks the table against the clang of this machine: the triple
// found without running clang is the one `clang -print-multiarch` reports (when its include
// directory exists).
func TestMultiarchMatchesClang(t *testing.T) {
	asked := askMultiarch()
	if asked == "" {
		t.Fatal("clang -print-multiarch reports nothing: is clang installed (scripts/setup.sh)?")
	}
	want := asked
	if st, err := os.Stat(filepath.Join("/usr/include", asked)); err != nil || !st.IsDir() {
		want = ""
	}
	if got := Multiarch(); got != want {
		t.Errorf("GOARCH %s: multiarch %q, clang -print-multiarch %q (include dir exists: %v)", runtime.GOARCH, got, asked, want != "")
	}
}

func TestFindMultiarch(t *testing.T) {
	inc := t.TempDir()
	if err := os.MkdirAll(filepath.Join(inc, "aarch64-linux-gnu"), 0o755); err != nil {
		t.Fatal(err)
	}
	asked := 0
	ask := func() string { asked++; return "sparc64-linux-gnu" }
	for _, c := range []struct {
		goarch, want string
		asks         int
	}{
		{"arm64", "aarch64-linux-gnu", 0}, // in the table, directory present
		{"amd64", "", 0},                  // in the table, no directory: not a multiarch system
		{"sparc64", "sparc64-linux-gnu", 1},
	} {
		asked = 0
		if got := findMultiarch(c.goarch, inc, ask); got != c.want || asked != c.asks {
			t.Errorf("%s: got %q after %d asks, want %q after %d", c.goarch, got, asked, c.want, c.asks)
		}
	}
}

// TestSystemSubdirsCoverHost: every directory that the system headers BPF C reaches name in an
// #include <dir/...> of theirs is in systemSubdirs, on this machine.
func TestSystemSubdirsCoverHost(t *testing.T) {
	var roots []string
	for _, d := range SystemIncludeDirs() {
		for _, sub := range []string{"linux", "asm", "asm-generic", "bits", "gnu", "sys", "bpf", "net", "netinet", "arpa"} {
			roots = append(roots, filepath.Join(d, sub))
		}
	}
	scanned := 0
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".h") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			scanned++
			for _, line := range strings.Split(string(src), "\n") {
				l := strings.TrimSpace(line)
				if !strings.HasPrefix(l, "#") {
					continue
				}
				l = strings.TrimSpace(l[1:])
				if !strings.HasPrefix(l, "include") {
					continue
				}
				l = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(l, "include_next"), "include"))
				if !strings.HasPrefix(l, "<") {
					continue
				}
				name, _, _ := strings.Cut(l[1:], ">")
				if !MaybeSystemReached(name) {
					t.Errorf("%s includes <%s>: add %q to systemSubdirs", p, name, strings.Split(name, "/")[0])
				}
			}
			return nil
		})
	}
	if scanned < 100 {
		t.Fatalf("only %d system headers scanned: are linux-libc-dev and libbpf-dev installed (scripts/setup.sh)?", scanned)
	}
}
