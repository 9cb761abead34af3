package extract

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestTestdataMakeCheck runs testdata/Makefile's check: every corpus case compiles as a whole
// project with clang, every program loads in the running kernel through _loadcheck, and the
// bad_* cases fail as they should. It checks the inputs of the other tests (needs root, make,
// bpftool).
func TestTestdataMakeCheck(t *testing.T) {
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command("make", "-C", "testdata", "check", "OUT="+t.TempDir(), "GO="+goBin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		t.Fatalf("make -C testdata check: %v\n%s", err, strings.Join(lines[max(len(lines)-30, 0):], "\n"))
	}
}
