package mcu

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/opened-ebpf/opened/tools/internal/outdir"
)

// ChangesFile is written by a transform: the list of edits that ported the unit.
const ChangesFile = "changes.json"

// Kind is the unit directory format for outdir: the names a unit holds.
var Kind = outdir.Kind{
	Name:  "unit",
	Key:   FunctionsFile,
	Files: []string{FunctionsFile, MapsFile, WarningsFile, SourceFile, ObjectFile, ChangesFile},
}

// Unit is an MCU directory in memory.
type Unit struct {
	// Dir is where Read found the unit ("" for a unit built in memory).
	Dir       string
	Functions Functions
	Maps      Maps
	Warnings  Warnings
	// Source is mcu.c and Object mcu.o.
	Source []byte
	Object []byte
	// Extra holds further files of the unit by name (changes.json of a transform, a header
	// mcu.c includes). Read fills it with the files it does not model.
	Extra map[string][]byte
}

// FormatError is a directory that is not a readable unit.
type FormatError struct {
	Path string
	Msg  string
}

func (e *FormatError) Error() string { return e.Path + ": " + e.Msg }

// Read reads the unit in dir. A missing directory, a directory that is not a unit, or a file
// that is not valid JSON of its kind is a *FormatError naming the file.
func Read(dir string) (*Unit, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, &FormatError{Path: dir, Msg: "no such unit directory"}
	}
	if !st.IsDir() {
		return nil, &FormatError{Path: dir, Msg: "not a directory (want an OPENED unit directory: " + FunctionsFile + ", " + SourceFile + ", " + ObjectFile + ", ...)"}
	}
	u := &Unit{Dir: dir, Extra: map[string][]byte{}}
	for _, f := range []struct {
		name string
		v    any
	}{{FunctionsFile, &u.Functions}, {MapsFile, &u.Maps}, {WarningsFile, &u.Warnings}} {
		b, err := os.ReadFile(filepath.Join(dir, f.name))
		if errors.Is(err, os.ErrNotExist) {
			return nil, &FormatError{Path: dir, Msg: "not an OPENED unit directory (no " + f.name + ")"}
		}
		if err != nil {
			return nil, &FormatError{Path: filepath.Join(dir, f.name), Msg: err.Error()}
		}
		if err := json.Unmarshal(b, f.v); err != nil {
			return nil, &FormatError{Path: filepath.Join(dir, f.name), Msg: jsonMsg(b, err)}
		}
	}
	if u.Functions.Entry == "" {
		return nil, &FormatError{Path: filepath.Join(dir, FunctionsFile), Msg: "no entry function"}
	}
	if err := u.Functions.checkIncludeDirs(filepath.Join(dir, FunctionsFile), dir); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		p    *[]byte
	}{{SourceFile, &u.Source}, {ObjectFile, &u.Object}} {
		b, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil {
			return nil, &FormatError{Path: dir, Msg: "not a complete OPENED unit directory (no " + f.name + ")"}
		}
		*f.p = b
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	modelled := map[string]bool{FunctionsFile: true, MapsFile: true, WarningsFile: true, SourceFile: true, ObjectFile: true, outdir.Marker: true}
	for _, e := range ents {
		if modelled[e.Name()] || !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		u.Extra[e.Name()] = b
	}
	return u, nil
}

// jsonMsg names the line of a JSON syntax error.
func jsonMsg(b []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1
		for _, c := range b[:min(int(se.Offset), len(b))] {
			if c == '\n' {
				line++
			}
		}
		return fmt.Sprintf("line %d: %v", line, err)
	}
	return err.Error()
}

// Write writes u to out atomically (outdir.Write): out is replaced only when it is absent,
// empty, or a unit OPENED wrote, and never when it is, contains or lies inside one of the
// protected directories (the source repositories).
func Write(out string, u *Unit, protect ...string) error {
	return outdir.Write(out, Kind, protect, func(dir string) error { return u.WriteFiles(dir) })
}

// WriteFiles writes the unit's files into an existing directory (for a caller that fills an
// outdir temporary directory itself, beside the destination: functions.json's repo is written
// relative to dir, which is the same as relative to a sibling of it).
func (u *Unit) WriteFiles(dir string) error {
	fns, err := u.Functions.onDisk(dir)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		v    any
	}{{FunctionsFile, fns}, {MapsFile, u.Maps}, {WarningsFile, u.Warnings}} {
		if err := WriteJSON(filepath.Join(dir, f.name), f.v); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, SourceFile), u.Source, 0o644); err != nil {
		return err
	}
	if u.Object != nil {
		if err := os.WriteFile(filepath.Join(dir, ObjectFile), u.Object, 0o644); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(u.Extra))
	for n := range u.Extra {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if n != filepath.Base(n) || n == outdir.Marker {
			return fmt.Errorf("unit file name %q: not a plain file name", n)
		}
		if err := os.WriteFile(filepath.Join(dir, n), u.Extra[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes v as indented JSON with a final newline (the unit's JSON style).
func WriteJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
