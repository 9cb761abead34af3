package difftest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/opened-ebpf/opened/loader"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// Target names one side of a comparison: an object file and the program in it, or a unit
// directory (tools/mcu format: its mcu.o and the entry of functions.json).
type Target struct {
	// Arg is the target as written (A.o[:PROG] or a unit directory).
	Arg string
	// Object is the ELF object file.
	Object string
	// Program is the program to run; empty selects the object's only program.
	Program string
	// Unit is set when the target is a unit directory; the loader maps verifier errors back
	// to original source lines with it.
	Unit *loader.Unit
}

var progRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// ParseTarget parses "A.o", "A.o:PROG", "UNITDIR" or "UNITDIR:PROG".
func ParseTarget(s string) (Target, error) {
	t := Target{Arg: s}
	path := s
	if i := strings.LastIndex(s, ":"); i > 0 && progRE.MatchString(s[i+1:]) {
		path, t.Program = s[:i], s[i+1:]
	}
	st, err := os.Stat(path)
	if err != nil {
		return t, fmt.Errorf("%s: %w", s, err)
	}
	if st.IsDir() {
		u, err := loader.ReadUnit(path)
		if err != nil {
			return t, fmt.Errorf("%s: not an object file nor a unit directory: %w", s, err)
		}
		t.Unit = u
		t.Object = filepath.Join(path, mcu.ObjectFile)
		if t.Program == "" {
			t.Program = u.Entry
		}
		return t, nil
	}
	t.Object = path
	return t, nil
}

// prepared is a target parsed and ready to be loaded, any number of times.
type prepared struct {
	Target
	spec *loader.Spec
}

func prepare(t Target) (*prepared, error) {
	s, err := loader.LoadSpec(t.Object, t.Program, "")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.Arg, err)
	}
	s.Unit = t.Unit
	if !s.Hook.TestRun {
		return nil, fmt.Errorf("%s: program %s at %s (%s): BPF_PROG_TEST_RUN cannot run this hook with a packet", t.Arg, s.Entry, s.Section, s.Hook.ProgramType)
	}
	switch s.Hook.ProgramType {
	case ebpf.XDP, ebpf.SchedCLS, ebpf.SchedACT:
	default:
		return nil, fmt.Errorf("%s: program %s is %s: difftest compares XDP and TC programs", t.Arg, s.Entry, s.Hook.ProgramType)
	}
	return &prepared{Target: t, spec: s}, nil
}

// load creates a fresh instance of the program and its maps in the kernel.
func (p *prepared) load() (*loader.Object, error) {
	o, err := p.spec.Load()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Arg, err)
	}
	return o, nil
}

func (p *prepared) name() string {
	return fmt.Sprintf("%s (%s at %s)", p.Arg, p.spec.Entry, p.spec.Section)
}

func sortStrings(s []string) { sort.Strings(s) }
