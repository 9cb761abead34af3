package cfront

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Options configures how clang is run.
type Options struct {
	// Clang is the clang binary; "clang" when empty.
	Clang string
	// Repo is the repository root; clang runs there.
	Repo string
	// CFlags are the user's flags (-I, -D, ...).
	CFlags []string
}

// BaseFlags are always passed to clang.
var BaseFlags = []string{"-target", "bpf", "-I/usr/include/x86_64-linux-gnu"}

func (o Options) clang() string {
	if o.Clang == "" {
		return "clang"
	}
	return o.Clang
}

// ResolveClang returns the clang binary to run: "clang" from PATH when empty, otherwise the
// given name or path. A relative path (as Bazel passes, e.g. external/x/bin/clang) is made
// absolute, because clang runs with the repository, not the caller's directory, as its
// working directory.
func ResolveClang(clang string) (string, error) {
	if clang == "" {
		clang = "clang"
	}
	if !strings.Contains(clang, "/") {
		return clang, nil
	}
	abs, err := filepath.Abs(clang)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("clang: %w", err)
	}
	return abs, nil
}

// Args returns the clang arguments for file (relative to Repo) before the mode flags.
func (o Options) Args() []string {
	a := append([]string{}, BaseFlags...)
	return append(a, o.CFlags...)
}

// ClangError is a failed clang run; Output holds clang's diagnostics.
type ClangError struct {
	File   string
	Output string
	Err    error
}

func (e *ClangError) Error() string {
	out := strings.TrimSpace(e.Output)
	if out == "" {
		return fmt.Sprintf("%s: clang failed: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s: clang failed:\n%s", e.File, out)
}

// Version returns clang's version line, part of the index cache key.
func Version(clang string) (string, error) {
	if clang == "" {
		clang = "clang"
	}
	out, err := exec.Command(clang, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("running %s --version: %w", clang, err)
	}
	line, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(line), nil
}

func run(ctx context.Context, o Options, file string, mode ...string) ([]byte, error) {
	args := append(o.Args(), mode...)
	args = append(args, file)
	cmd := exec.CommandContext(ctx, o.clang(), args...)
	cmd.Dir = o.Repo
	// clang writes its output (tens of MB of JSON for a big unit) to a
	// temporary file read back in one allocation of the right size: growing
	// a buffer from a pipe costs more than clang itself.
	out, err := os.CreateTemp("", "opened-clang-*")
	if err != nil {
		// No writable temporary directory: through a pipe.
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			return nil, &ClangError{File: file, Output: stderr.String(), Err: err}
		}
		return stdout.Bytes(), nil
	}
	defer os.Remove(out.Name())
	defer out.Close()
	var stderr bytes.Buffer
	cmd.Stdout = out
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, &ClangError{File: file, Output: stderr.String(), Err: err}
	}
	return os.ReadFile(out.Name())
}
