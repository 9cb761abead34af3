package loader

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/rlimit"
	"golang.org/x/sys/unix"
)

// TailLines is how many lines of the verifier log a VerifierError keeps.
const TailLines = 20

// ErrBPFUnavailable is returned when this process cannot load even a
// minimal BPF program (not root, no CAP_BPF, BPF disabled).
var ErrBPFUnavailable = errors.New("BPF unavailable")

// VerifierError is returned when the kernel's verifier rejects a program.
type VerifierError struct {
	// Program and Section name the rejected program.
	Program string
	Section string
	// File and Line locate the rejected statement in the original source
	// (through functions.json when loading an MCU); empty if the log has no
	// line information.
	File string
	Line int
	// Source is the text of that statement as the verifier printed it.
	Source string
	// Cause is the verifier's last message.
	Cause string
	// Tail holds the last TailLines lines of the verifier log.
	Tail []string
	// Err is the underlying cilium/ebpf error (an *ebpf.VerifierError).
	Err error
}

func (e *VerifierError) Error() string {
	var b strings.Builder
	if e.File != "" {
		fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	}
	fmt.Fprintf(&b, "verifier rejected program %s (section %s): %s", e.Program, e.Section, e.Cause)
	if e.Source != "" {
		fmt.Fprintf(&b, "\n  at: %s", e.Source)
	}
	if len(e.Tail) > 0 {
		fmt.Fprintf(&b, "\nverifier log (last %d lines):", len(e.Tail))
		for _, l := range e.Tail {
			b.WriteString("\n  ")
			b.WriteString(l)
		}
	}
	return b.String()
}

func (e *VerifierError) Unwrap() error { return e.Err }

// UnsupportedError is returned when the kernel refuses a program type
// itself, before verification (EPERM for tracing, LSM and extension programs
// on this machine class).
type UnsupportedError struct {
	Program string
	Section string
	Type    ebpf.ProgramType
	// Errno is the kernel's answer (unix.EPERM).
	Errno error
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("program type %s (section %s) cannot be loaded on this machine: kernel refused with %s",
		e.Type, e.Section, unix.ErrnoName(e.Errno.(unix.Errno)))
}

func (e *UnsupportedError) Unwrap() error { return e.Errno }

var (
	preflightMu sync.Mutex
	preflightOK bool
)

// checkBPF loads a minimal socket filter once per process so that missing
// privileges are reported as such, not as a failure of the object at hand.
func checkBPF() error {
	preflightMu.Lock()
	defer preflightMu.Unlock()
	if preflightOK {
		return nil
	}
	memlockErr := rlimit.RemoveMemlock()
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Type:         ebpf.SocketFilter,
		License:      "GPL",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 0), asm.Return()},
	})
	if err != nil {
		if errors.Is(err, unix.EPERM) {
			return fmt.Errorf("%w: this process (uid %d) may not load BPF programs: the kernel refused a minimal program with EPERM; run as root or with CAP_BPF and CAP_NET_ADMIN",
				ErrBPFUnavailable, unix.Geteuid())
		}
		if memlockErr != nil {
			err = fmt.Errorf("%w (raising RLIMIT_MEMLOCK: %v)", err, memlockErr)
		}
		return fmt.Errorf("%w: cannot load a minimal BPF program: %v", ErrBPFUnavailable, err)
	}
	prog.Close()
	preflightOK = true
	return nil
}

// lineInfo matches the source annotations of the verifier log:
// "; return p[20]; @ mcu.c:57".
var lineInfo = regexp.MustCompile(`^; (.*) @ (\S+):(\d+)$`)

// newVerifierError builds a VerifierError from a rejected load, locating the
// last annotated source line through unit (which may be nil).
func newVerifierError(prog, section string, ve *ebpf.VerifierError, unit *Unit, err error) *VerifierError {
	e := &VerifierError{Program: prog, Section: section, Err: err}
	log := ve.Log

	for i := len(log) - 1; i >= 0; i-- {
		m := lineInfo.FindStringSubmatch(strings.TrimSpace(log[i]))
		if m == nil {
			continue
		}
		e.Source = strings.TrimSpace(m[1])
		e.File = m[2]
		e.Line, _ = strconv.Atoi(m[3])
		if path.Base(e.File) == SourceFile {
			if file, line, ok := unit.Locate(e.Line); ok {
				e.File, e.Line = file, line
			}
		}
		break
	}

	// The cause is the last message, with the line before it when the last
	// one only elaborates ("R1 offset is outside of the packet").
	var msgs []string
	for _, l := range log {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "processed ") {
			msgs = append(msgs, l)
		}
	}
	switch n := len(msgs); {
	case n == 0:
		e.Cause = ve.Cause.Error()
	case n >= 2 && elaborates(msgs[n-1]):
		e.Cause = msgs[n-2] + ": " + msgs[n-1]
	default:
		e.Cause = msgs[n-1]
	}

	// Headlines for rejections whose last message is not the cause.
	for _, l := range msgs {
		switch {
		case strings.HasPrefix(l, "BPF program is too large"):
			// The verifier stopped at its instruction budget; the source line is where it was.
			e.Cause = "program too large for the verifier (it explores every path, and gave up): " + l
		case strings.HasPrefix(l, "infinite loop detected"):
			// Followed by "cur state:" and "old state:" lines.
			e.Cause = l
		}
	}

	e.Tail = log[max(len(log)-TailLines, 0):]
	return e
}

func elaborates(line string) bool {
	return len(line) >= 2 && line[0] == 'R' && line[1] >= '0' && line[1] <= '9' ||
		strings.HasPrefix(line, "invalid bpf_context access")
}
