package loader

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// unprivilegedEnv makes the test binary verify the unit it names and exit,
// instead of running the tests; TestVerifyUnitUnprivileged runs it as nobody.
const unprivilegedEnv = "OPENED_LOADER_VERIFY_AS_CHILD"

// exitBPFUnavailable is the child's exit code for ErrBPFUnavailable.
const exitBPFUnavailable = 3

func TestMain(m *testing.M) {
	if dir := os.Getenv(unprivilegedEnv); dir != "" {
		_, err := VerifyUnit(dir)
		fmt.Println(err)
		switch {
		case errors.Is(err, ErrBPFUnavailable):
			os.Exit(exitBPFUnavailable)
		case err != nil:
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestVerifyUnitUnprivileged runs VerifyUnit as uid 65534 and checks that the
// missing privilege is reported as such.
func TestVerifyUnitUnprivileged(t *testing.T) {
	dir, err := os.MkdirTemp("", "opened-loader-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	buildUnit(t, dir, unitCase{src: "xdp_count", entry: "xdp_count", section: "xdp"})

	// The test binary's own directory is private to root; run a copy.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "loader.test")
	if err := copyExecutable(self, bin); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), unprivilegedEnv+"="+dir)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitBPFUnavailable {
		t.Fatalf("as uid 65534: got %v, want exit code %d (ErrBPFUnavailable); output:\n%s", err, exitBPFUnavailable, out)
	}
	for _, want := range []string{"BPF unavailable", "this process (uid 65534) may not load BPF programs", "run as root"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func copyExecutable(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
