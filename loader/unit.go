package loader

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/opened-ebpf/opened/tools/mcu"
)

// Names of the files of an MCU directory this package reads (format: package mcu).
const (
	FunctionsFile = mcu.FunctionsFile
	MapsFile      = mcu.MapsFile
	ObjectFile    = mcu.ObjectFile
	SourceFile    = mcu.SourceFile
)

// Unit is the part of an MCU directory the loader needs: functions.json and
// the inner-map names of maps.json.
type Unit struct {
	// Entry is the entry function (the program to load).
	Entry string `json:"entry"`
	// Section is the entry's ELF section, naming its hook.
	Section string `json:"section"`
	// Functions lists where each function of mcu.c came from.
	Functions []Function `json:"functions"`
	// InnerMaps maps an outer map-in-map to the map maps.json names as its
	// inner map, if any.
	InnerMaps map[string]string `json:"-"`
	// InnerShapes maps an outer map-in-map without inner_map to its maps.json inner_shape:
	// the inner map as the program's lookups tell it, or why nothing does.
	InnerShapes map[string]*mcu.InnerShape `json:"-"`
	// MapDecls maps each map of maps.json to its declaration's file and line.
	MapDecls map[string]mcu.Location `json:"-"`
}

// Function is one function of functions.json.
type Function = mcu.Function

// ReadUnit reads dir/functions.json and, if present, dir/maps.json.
func ReadUnit(dir string) (*Unit, error) {
	path := filepath.Join(dir, FunctionsFile)
	buf, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read unit: %w", err)
	}
	var u Unit
	if err := json.Unmarshal(buf, &u); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if u.Entry == "" {
		return nil, fmt.Errorf("%s: no entry function", path)
	}
	if u.Section == "" {
		return nil, fmt.Errorf("%s: entry %s has no section", path, u.Entry)
	}
	for _, f := range u.Functions {
		if f.MCUStartLine <= 0 || f.MCUEndLine < f.MCUStartLine || f.StartLine <= 0 {
			return nil, fmt.Errorf("%s: function %s: bad line range (start_line %d, mcu %d-%d)",
				path, f.Name, f.StartLine, f.MCUStartLine, f.MCUEndLine)
		}
	}

	path = filepath.Join(dir, MapsFile)
	buf, err = os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &u, nil
	case err != nil:
		return nil, fmt.Errorf("read unit: %w", err)
	}
	var maps mcu.Maps
	if err := json.Unmarshal(buf, &maps); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, m := range maps.Maps {
		if u.MapDecls == nil {
			u.MapDecls = make(map[string]mcu.Location)
		}
		u.MapDecls[m.Name] = mcu.Location{File: m.File, Line: m.StartLine}
		if m.InnerShape != nil {
			if u.InnerShapes == nil {
				u.InnerShapes = make(map[string]*mcu.InnerShape)
			}
			u.InnerShapes[m.Name] = m.InnerShape
		}
		if m.InnerMap == "" {
			continue
		}
		if u.InnerMaps == nil {
			u.InnerMaps = make(map[string]string)
		}
		u.InnerMaps[m.Name] = m.InnerMap
	}
	return &u, nil
}

// Locate maps a line of mcu.c to the original file and line, using the
// function whose mcu_start_line..mcu_end_line contains it. The original
// text of each function is kept verbatim in mcu.c, so the offset into the
// function is the same on both sides.
func (u *Unit) Locate(mcuLine int) (file string, line int, ok bool) {
	if u == nil {
		return "", 0, false
	}
	for _, f := range u.Functions {
		if mcuLine >= f.MCUStartLine && mcuLine <= f.MCUEndLine {
			return f.File, f.StartLine + (mcuLine - f.MCUStartLine), true
		}
	}
	return "", 0, false
}
