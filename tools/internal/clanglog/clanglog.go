// Package clanglog gives tests a clang that logs its command lines, to count and inspect the
// clang runs the code under test starts (a batch of units in one run, no probe at start-up,
// a unit parsed ahead and not again).
package clanglog

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Wrapper writes, in a temporary directory of t, a clang that appends its arguments to a log
// and runs the real clang (from PATH; a test without clang fails). It returns the wrapper's
// path and a function that returns the logged command lines containing any of anyOf (all of
// them when none is given) and forgets the log.
func Wrapper(t testing.TB) (string, func(anyOf ...string) []string) {
	t.Helper()
	real, err := exec.LookPath("clang")
	if err != nil {
		t.Fatal("clang not found (scripts/setup.sh installs it):", err)
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "runs")
	wrapper := filepath.Join(dir, "clang")
	script := "#!/bin/sh\necho \"$*\" >> " + log + "\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return wrapper, func(anyOf ...string) []string {
		b, _ := os.ReadFile(log)
		os.Remove(log)
		var runs []string
		for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if l == "" {
				continue
			}
			keep := len(anyOf) == 0
			for _, s := range anyOf {
				keep = keep || strings.Contains(l, s)
			}
			if keep {
				runs = append(runs, l)
			}
		}
		return runs
	}
}
