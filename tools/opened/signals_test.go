package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain runs the opened command itself when OPENED_TEST_MAIN is set, so that tests can
// start it as a process and signal it.
func TestMain(m *testing.M) {
	if os.Getenv("OPENED_TEST_MAIN") == "1" {
		os.Args = append([]string{"opened"}, strings.Fields(os.Getenv("OPENED_TEST_ARGS"))...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestSignalCleansUp: SIGINT or SIGTERM while clang runs stops clang and leaves neither an
// opened-clang-* temporary file nor an output directory.
func TestSignalCleansUp(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			tmp := t.TempDir()
			repo := filepath.Join(tmp, "repo")
			if err := os.MkdirAll(repo, 0o755); err != nil {
				t.Fatal(err)
			}
			// Its AST takes clang minutes to write (gigabytes of nested JSON).
			src := "#define A x+x+x+x+x+x+x+x+x+x\n#define B A+A+A+A+A+A+A+A+A+A\n#define C B+B+B+B+B+B+B+B+B+B\n" +
				"#define D C+C+C+C+C+C+C+C+C+C\nint x;\n__attribute__((section(\"xdp\"))) int prog(void *ctx) { return D; }\n"
			if err := os.WriteFile(filepath.Join(repo, "prog.c"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			temp := filepath.Join(tmp, "tmp")
			if err := os.Mkdir(temp, 0o755); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(tmp, "out")
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), "OPENED_TEST_MAIN=1", "TMPDIR="+temp,
				"OPENED_TEST_ARGS=extract --repo "+repo+" --entry prog --db "+filepath.Join(tmp, "i.db")+" --out "+out)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait until clang runs (its temporary file exists).
			deadline := time.Now().Add(30 * time.Second)
			for {
				if m, _ := filepath.Glob(filepath.Join(temp, "opened-clang-*")); len(m) > 0 {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("clang did not start; stderr: %s", stderr.String())
				}
				time.Sleep(20 * time.Millisecond)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				ee, ok := err.(*exec.ExitError)
				if !ok || ee.ExitCode() != 128+int(sig) {
					t.Errorf("exit %v; want status %d", err, 128+int(sig))
				}
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatal("opened still running 30 s after the signal")
			}
			if m, _ := filepath.Glob(filepath.Join(temp, "opened-clang-*")); len(m) > 0 {
				t.Errorf("temporary files left: %v", m)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s written by an interrupted run", out)
			}
			// No clang is left running in the repository (clang runs with it as its directory).
			deadline = time.Now().Add(5 * time.Second)
			for {
				left := processesIn(repo)
				if len(left) == 0 {
					break
				}
				if time.Now().After(deadline) {
					t.Errorf("processes still running in %s: %v", repo, left)
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}

// processesIn lists the PIDs whose working directory is dir.
func processesIn(dir string) []string {
	var out []string
	cwds, _ := filepath.Glob("/proc/[0-9]*/cwd")
	for _, c := range cwds {
		if d, err := os.Readlink(c); err == nil && d == dir {
			out = append(out, filepath.Base(filepath.Dir(c)))
		}
	}
	return out
}
