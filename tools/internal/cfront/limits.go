package cfront

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"unicode/utf8"

	"golang.org/x/sys/unix"
)

// DefaultMaxOutput is what one clang run may write unless Options.MaxOutput says otherwise:
// a unit whose macros expand to gigabytes of AST is refused instead of filling the disk.
const DefaultMaxOutput = 1 << 30

// maxStderr is how much of clang's diagnostics a run keeps; ClangError shows less.
const maxStderr = 256 << 10

// Diagnostics kept by ClangError.Error: the first maxDiagnostics diagnostics, lines cut at
// maxDiagLine bytes.
const (
	maxDiagnostics = 10
	maxDiagLine    = 300
)

func (o Options) maxOutput() int64 {
	if o.MaxOutput > 0 {
		return o.MaxOutput
	}
	return DefaultMaxOutput
}

// LimitError is a clang run whose output exceeded Options.MaxOutput.
type LimitError struct {
	File  string
	What  string // "AST", "preprocessed output", "LLVM IR"
	Limit int64
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s: %s of %s exceeds %d MB (a macro expanding to very large code?)", e.File, e.What, e.File, e.Limit>>20)
}

func outputKind(mode []string) string {
	for _, m := range mode {
		switch {
		case strings.HasPrefix(m, "-ast-dump"):
			return "AST"
		case m == "-E":
			return "preprocessed output"
		case m == "-emit-llvm":
			return "LLVM IR"
		}
	}
	return "clang output"
}

// capWriter keeps the first max bytes written and counts the rest.
type capWriter struct {
	max     int
	buf     bytes.Buffer
	dropped int64
}

func (w *capWriter) Write(p []byte) (int, error) {
	if room := w.max - w.buf.Len(); room > 0 {
		if len(p) <= room {
			w.buf.Write(p)
			return len(p), nil
		}
		w.buf.Write(p[:room])
		w.dropped += int64(len(p) - room)
		return len(p), nil
	}
	w.dropped += int64(len(p))
	return len(p), nil
}

func (w *capWriter) String() string { return w.buf.String() }

// checkText refuses a file that is not text (a NUL byte in its first 64 KiB) before clang turns
// it into megabytes of diagnostics.
func checkText(path, name string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // clang names a missing file
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	n, _ := f.Read(buf)
	if i := bytes.IndexByte(buf[:n], 0); i >= 0 {
		return fmt.Errorf("%s: not C source: binary content (NUL byte at offset %d)", name, i)
	}
	return nil
}

// running holds the temporary files and clang processes of runs in progress, so that Cleanup
// can remove and stop them when the process is interrupted.
var running struct {
	sync.Mutex
	temps map[string]bool
	procs map[*os.Process]bool
	done  bool
}

func createTemp() (*os.File, error) {
	running.Lock()
	defer running.Unlock()
	if running.done {
		return nil, errors.New("interrupted")
	}
	f, err := os.CreateTemp("", "opened-clang-*")
	if err != nil {
		return nil, err
	}
	if running.temps == nil {
		running.temps = map[string]bool{}
	}
	running.temps[f.Name()] = true
	return f, nil
}

func removeTemp(f *os.File) {
	f.Close()
	os.Remove(f.Name())
	running.Lock()
	delete(running.temps, f.Name())
	running.Unlock()
}

// startLimited starts cmd and, when limit > 0, caps the size of the files it writes (its
// output file) with RLIMIT_FSIZE.
func startLimited(cmd *exec.Cmd, limit int64) error {
	running.Lock()
	defer running.Unlock()
	if running.done {
		return errors.New("interrupted")
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	if limit > 0 {
		// Set before clang has parsed anything: it writes its output at the end.
		_ = unix.Prlimit(cmd.Process.Pid, unix.RLIMIT_FSIZE, &unix.Rlimit{Cur: uint64(limit), Max: uint64(limit)}, nil)
	}
	if running.procs == nil {
		running.procs = map[*os.Process]bool{}
	}
	running.procs[cmd.Process] = true
	return nil
}

func wait(cmd *exec.Cmd) error {
	err := cmd.Wait()
	running.Lock()
	delete(running.procs, cmd.Process)
	running.Unlock()
	return err
}

// exceededFileSize reports whether a run ended by SIGXFSZ (RLIMIT_FSIZE).
func exceededFileSize(err error) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGXFSZ
}

// Cleanup kills the clang processes this package started and removes their temporary files;
// later runs fail. The CLI calls it when interrupted (SIGINT, SIGTERM) before it exits, as
// deferred removals do not run then.
func Cleanup() {
	running.Lock()
	defer running.Unlock()
	running.done = true
	for p := range running.procs {
		p.Kill()
	}
	for t := range running.temps {
		os.Remove(t)
	}
	running.temps = nil
}

// trimDiagnostics keeps clang's first maxDiagnostics diagnostics, with each line cut at
// maxDiagLine bytes and made valid UTF-8, and counts the errors left out.
func trimDiagnostics(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var keep []string
	diags, errs, hiddenErrs := 0, 0, 0
	hiding := false
	for _, l := range lines {
		isDiag := strings.Contains(l, ": error: ") || strings.Contains(l, ": fatal error: ") || strings.Contains(l, ": warning: ") ||
			strings.HasPrefix(l, "error: ") || strings.HasPrefix(l, "fatal error: ")
		isErr := isDiag && !strings.Contains(l, ": warning: ")
		if isDiag {
			diags++
			if isErr {
				errs++
			}
			if diags > maxDiagnostics {
				hiding = true
			}
		}
		if strings.HasSuffix(l, " generated.") && !isDiag {
			continue // "N errors generated." is replaced by our count
		}
		if hiding {
			if isErr {
				hiddenErrs++
			}
			continue
		}
		if len(l) > maxDiagLine {
			l = l[:maxDiagLine] + "..."
		}
		keep = append(keep, strings.ToValidUTF8(l, "\uFFFD"))
	}
	if hiddenErrs > 0 {
		keep = append(keep, fmt.Sprintf("... and %d more errors (%d in all)", hiddenErrs, errs))
	} else if hiding {
		keep = append(keep, fmt.Sprintf("... and %d more diagnostics", diags-maxDiagnostics))
	}
	s := strings.Join(keep, "\n")
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}
