package loader

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// Object is a loaded object: live maps and programs in the kernel. Close it
// to release them.
type Object struct {
	// Spec is what was loaded.
	Spec *Spec
	// Collection holds every map and program of the object.
	Collection *ebpf.Collection
	// Program is the entry program.
	Program *ebpf.Program
	// Adjustments extends Spec.Adjustments with choices made during the
	// load (which inner map template verified).
	Adjustments []string
}

// Close releases the object's maps and programs.
func (o *Object) Close() error {
	if o.Collection != nil {
		o.Collection.Close()
	}
	return nil
}

// LoadObject parses the object at path and loads it with program entry at
// the hook its ELF section names. An empty entry selects the only program.
func LoadObject(path, entry string) (*Object, error) {
	spec, err := LoadSpec(path, entry, "")
	if err != nil {
		return nil, err
	}
	return spec.Load()
}

// Load creates the object's maps and programs in the kernel.
//
// Maps-in-maps without an inner map get one template after another (see
// package documentation) until the object verifies; the error of the first
// attempt is returned if none does.
func (s *Spec) Load() (*Object, error) {
	if err := checkBPF(); err != nil {
		return nil, err
	}

	inner := s.missingInner()
	attempts := 1
	for _, c := range inner {
		attempts = max(attempts, len(c))
	}

	var first error
	for i := 0; i < attempts; i++ {
		coll := s.Collection.Copy()
		var chosen []string
		for _, outer := range sortedKeys(inner) {
			c := inner[outer][min(i, len(inner[outer])-1)]
			coll.Maps[outer].InnerMap = c.spec.Copy()
			chosen = append(chosen, fmt.Sprintf("map %s: inner map supplied by user space; template from %s (%s, key %d, value %d)",
				outer, c.from, c.spec.Type, c.spec.KeySize, c.spec.ValueSize))
		}

		live, err := ebpf.NewCollectionWithOptions(coll, ebpf.CollectionOptions{})
		if err != nil && errors.Is(err, unix.EFAULT) {
			// cilium/ebpf grows the verifier log on ENOSPC, but a kernel that fails to copy a
			// huge log answers EFAULT (no log, no line): load again with a large log from the
			// start so that the rejection names its cause and source line.
			live, err = ebpf.NewCollectionWithOptions(coll, ebpf.CollectionOptions{
				Programs: ebpf.ProgramOptions{LogLevel: ebpf.LogLevelBranch | ebpf.LogLevelStats, LogSizeStart: largeLog},
			})
		}
		if err == nil {
			return &Object{Spec: s, Collection: live, Program: live.Programs[s.Entry], Adjustments: chosen}, nil
		}
		err = s.explain(coll, err)
		if first == nil {
			first = err
		}
		var ve *VerifierError
		if !errors.As(err, &ve) {
			break
		}
	}
	var ve *VerifierError
	if unknown := s.unknownInner(sortedKeys(inner)); len(unknown) > 0 && errors.As(first, &ve) {
		return nil, &InnerMapError{Maps: unknown, Tried: attempts, Err: first}
	}
	if len(inner) > 0 && errors.As(first, &ve) {
		return nil, fmt.Errorf("%w\nnote: the inner map of %s is created by user space; no template verified (tried %d); name it with inner_map in maps.json",
			first, strings.Join(sortedKeys(inner), ", "), attempts)
	}
	return nil, first
}

// largeLog is the verifier log size of a retried load (bytes).
const largeLog = 64 << 20

// explain turns a cilium/ebpf load error into one of this package's errors.
func (s *Spec) explain(coll *ebpf.CollectionSpec, err error) error {
	prog := s.failedProgram(coll, err)
	if prog == "" {
		return fmt.Errorf("load %s: %w", s.Path, err)
	}
	section := coll.Programs[prog].SectionName
	if prog == s.Entry {
		section = s.Section
	}

	var ve *ebpf.VerifierError
	hasLog := errors.As(err, &ve) && len(ve.Log) > 0
	if errors.Is(err, unix.EPERM) && !hasLog {
		return &UnsupportedError{Program: prog, Section: section, Type: coll.Programs[prog].Type, Errno: unix.EPERM}
	}
	if hasLog {
		return newVerifierError(prog, section, ve, s.Unit, err)
	}
	return fmt.Errorf("load program %s (section %s) from %s: %w", prog, section, s.Path, err)
}

// failedProgram returns the program a collection load error is about, or ""
// if it is about a map or something else.
func (s *Spec) failedProgram(coll *ebpf.CollectionSpec, err error) string {
	msg := err.Error()
	for _, name := range sortedKeys(coll.Programs) {
		if strings.HasPrefix(msg, "program "+name+":") {
			return name
		}
	}
	return ""
}
