package loader

import (
	"fmt"
	"path/filepath"
)

// Report describes a successful verification load.
type Report struct {
	// Program is the entry program.
	Program string `json:"program"`
	// Section, Type and AttachType name the hook it was loaded at.
	Section    string `json:"section"`
	Type       string `json:"type"`
	AttachType string `json:"attach_type"`
	// Instructions is the size of the loaded program in instructions, as
	// the kernel reports it after verification (bpftool's "xlated" / 8).
	Instructions int `json:"instructions"`
	// VerifiedInstructions is the number of instructions the verifier
	// processed.
	VerifiedInstructions int `json:"verified_instructions"`
	// Verified is true: the kernel accepted the program.
	Verified bool `json:"verified"`
	// Adjustments lists what the loader changed for a self-contained load.
	Adjustments []string `json:"adjustments,omitempty"`
}

// VerifyUnit loads dir/mcu.o at the hook of the entry named by
// dir/functions.json, reports on it and unloads it. Verifier rejections are
// returned as *VerifierError naming the original file:line.
func VerifyUnit(dir string) (*Report, error) {
	unit, err := ReadUnit(dir)
	if err != nil {
		return nil, err
	}
	spec, err := LoadSpec(filepath.Join(dir, ObjectFile), unit.Entry, unit.Section)
	if err != nil {
		return nil, err
	}
	spec.Unit = unit
	obj, err := spec.Load()
	if err != nil {
		return nil, err
	}
	defer obj.Close()
	return obj.Report()
}

// Report describes the loaded entry program.
func (o *Object) Report() (*Report, error) {
	info, err := o.Program.Info()
	if err != nil {
		return nil, fmt.Errorf("program %s: %w", o.Spec.Entry, err)
	}
	r := &Report{
		Program:     o.Spec.Entry,
		Section:     o.Spec.Section,
		Type:        o.Program.Type().String(),
		AttachType:  o.Spec.Hook.AttachType.String(),
		Verified:    true,
		Adjustments: append(append([]string(nil), o.Spec.Adjustments...), o.Adjustments...),
	}
	if n, err := info.TranslatedSize(); err == nil {
		r.Instructions = n / 8
	}
	if n, ok := info.VerifiedInstructions(); ok {
		r.VerifiedInstructions = int(n)
	}
	return r, nil
}
