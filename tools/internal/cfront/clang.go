package cfront

import (
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
	// MaxOutput caps what one clang run may write (the JSON AST, the preprocessed unit, the
	// IR), in bytes; DefaultMaxOutput when zero. A run over it fails with a *LimitError.
	MaxOutput int64
}

// BaseFlags are always passed to clang: -target bpf and, on a multiarch host, the host's
// multiarch include directory (multiarch.go), searched after the user's (searchorder.go).
var BaseFlags = append([]string{"-target", "bpf"}, afterUserDirs(multiarchDir())...)

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
	out := trimDiagnostics(e.Output)
	if out == "" {
		return fmt.Sprintf("%s: clang failed: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s: clang failed:\n%s", e.File, out)
}

// Version returns clang's version as its __VERSION__ macro says ("Debian Clang 14.0.6"), part
// of the index cache key. A parse reads the same macro from its preprocessor stream
// (TU.Compiler), so that a cold run never starts clang only to ask.
func Version(clang string) (string, error) {
	if clang == "" {
		clang = "clang"
	}
	cmd := exec.Command(clang, "-E", "-dM", "-x", "c", "-")
	cmd.Stdin = strings.NewReader("")
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("running %s -E -dM: %w", clang, err)
	}
	if v := ppVersion(append([]byte("\n"), out...)); v != "" {
		return v, nil
	}
	return "", fmt.Errorf("%s -E -dM: no __VERSION__", clang)
}

func run(ctx context.Context, o Options, file string, mode ...string) ([]byte, error) {
	out, err := runOutput(ctx, o, file, mode...)
	if err != nil {
		return nil, err
	}
	defer out.close()
	return out.bytes()
}

// runOutput is run leaving clang's output in its temporary file (output.go), for callers
// that map it instead of reading it whole.
func runOutput(ctx context.Context, o Options, file string, mode ...string) (*output, error) {
	if err := checkText(filepath.Join(o.Repo, file), file); err != nil {
		return nil, err
	}
	args := append(o.Args(), mode...)
	args = append(args, file)
	cmd := exec.CommandContext(ctx, o.clang(), args...)
	cmd.Dir = o.Repo
	limit := o.maxOutput()
	stderr := &capWriter{max: maxStderr}
	cmd.Stderr = stderr
	// clang writes its output (tens of MB of JSON for a big unit) to a
	// temporary file read back in one allocation of the right size: growing
	// a buffer from a pipe costs more than clang itself.
	out, err := createTemp()
	if err != nil {
		// No writable temporary directory: through a pipe, cut at the limit.
		stdout := &capWriter{max: int(limit)}
		cmd.Stdout = stdout
		if err := startLimited(cmd, 0); err != nil {
			return nil, err
		}
		err := wait(cmd)
		if stdout.dropped > 0 {
			return nil, &LimitError{File: file, What: outputKind(mode), Limit: limit}
		}
		if err != nil {
			return nil, &ClangError{File: file, Output: stderr.String(), Err: err}
		}
		return &output{b: stdout.buf.Bytes()}, nil
	}
	keep := false
	defer func() {
		if !keep {
			removeTemp(out)
		}
	}()
	cmd.Stdout = out
	if err := startLimited(cmd, limit); err != nil {
		return nil, err
	}
	err = wait(cmd)
	if st, serr := out.Stat(); serr == nil && st.Size() >= limit || exceededFileSize(err) {
		return nil, &LimitError{File: file, What: outputKind(mode), Limit: limit}
	}
	if err != nil {
		return nil, &ClangError{File: file, Output: stderr.String(), Err: err}
	}
	keep = true
	return &output{f: out}, nil
}
