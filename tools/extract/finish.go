package extract

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/cilium/ebpf"

	"github.com/opened-ebpf/opened/tools/index"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/maptype"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// innerMapName is the inner map maps.json names for a map of maps (a static .values entry, a BTF
// __array type, a legacy or iproute2 template), or "".
func (x *extractor) innerMapName(mi *mapInfo) string {
	d, m := mi.decl, mi.decl.Map
	switch {
	case len(m.Values) > 0 && maptype.IsMapInMap(m.Type):
		return m.Values[0]
	case m.InnerType != "":
		return m.InnerType
	}
	if i := x.innerTemplate(mi.u, d); i >= 0 {
		return mi.u.tu.Decls[i].Name
	}
	return ""
}

// finish writes the MCU files into dir.
func (x *extractor) finish(dir string, e *emitted, res *Result) error {
	build := func(e *emitted) error {
		x.waitInnerShapes()
		if err := os.WriteFile(filepath.Join(dir, mcu.SourceFile), []byte(e.source), 0o644); err != nil {
			return err
		}
		x.startInnerShapes(dir, e) // beside the compile
		return x.compile(dir, []byte(e.source))
	}
	defer x.waitInnerShapes()
	if err := build(e); err != nil {
		var ce *cfront.ClangError
		if !errors.As(err, &ce) {
			return err
		}
		if x.opts.forceFallback {
			return fmt.Errorf("the fallback form of mcu.c does not compile: %w", err)
		}
		// Fall back to the entry's file with its project headers inlined.
		fb := x.emit(true)
		if x.readErr != nil {
			return x.readErr
		}
		if err2 := build(fb); err2 != nil {
			return fmt.Errorf("the generated mcu.c does not compile (a bug in opened extract; please report it with the repository): %w\nthe fallback with the project headers inlined does not compile either: %v", err, err2)
		}
		x.warn(Warning{Kind: mcu.KindMCUFallback, Severity: "warning", Symbol: x.entry.Name, File: x.entry.File, Line: x.entry.StartLine,
			Message: "the minimal mcu.c did not compile, so mcu.c holds the entry's file with its project headers inlined (larger than minimal); clang said:\n" + firstLines(ce.Output, 6),
			Action:  "report this to the OPENED developers with the repository; the unit is usable as is"})
		e = fb
		x.fellBack = true
	}
	cs, err := ebpf.LoadCollectionSpec(filepath.Join(dir, mcu.ObjectFile))
	if err != nil {
		return fmt.Errorf("reading the compiled %s: %w", mcu.ObjectFile, err)
	}
	specs := cs.Maps

	x.mapWarnings(e.maps)
	res.Functions = Functions{Entry: x.entry.Name, Section: x.entry.Section, Functions: e.functions}
	if res.Functions.Functions == nil {
		res.Functions.Functions = []Function{}
	}
	res.Functions.Repo, res.Functions.IncludeDirs = x.keptIncludeRecord(dir)

	// Map users among the unit's functions.
	type use struct{ fn, access string }
	users := map[string]map[use]bool{}
	var fns []*cfront.Decl
	for _, c := range x.order {
		fns = append(fns, c.functions()...)
	}
	for _, f := range fns {
		inHelper := map[string]bool{}
		for _, hc := range f.HelperCalls {
			for _, m := range hc.Maps {
				if users[m] == nil {
					users[m] = map[use]bool{}
				}
				users[m][use{f.Name, index.Access(hc.Helper)}] = true
				inHelper[m] = true
			}
		}
		for _, r := range f.Refs {
			if r.Kind == "VarDecl" && !r.Call && !inHelper[r.Name] {
				if users[r.Name] == nil {
					users[r.Name] = map[use]bool{}
				}
				users[r.Name][use{f.Name, "ref"}] = true
			}
		}
	}
	res.Maps.Maps = []Map{}
	for _, mi := range e.maps {
		d, m := mi.decl, mi.decl.Map
		out := Map{Name: d.Name, File: d.File, StartLine: d.StartLine, EndLine: d.EndLine, Style: m.Style,
			Type: index.MapTypeName(mi.u.tu, m.Type), KeyType: m.KeyType, ValueType: m.ValueType,
			KeySize: uint32(m.KeySize), ValueSize: uint32(m.ValueSize), MaxEntries: uint32(m.MaxEntries), Pinning: "none"}
		if m.Pinning != 0 {
			out.Pinning = "by_name"
		}
		if s, ok := specs[d.Name]; ok {
			// Sizes as the object describes them (BTF), where it does.
			if s.KeySize != 0 {
				out.KeySize = s.KeySize
			}
			if s.ValueSize != 0 {
				out.ValueSize = s.ValueSize
			}
			if s.MaxEntries != 0 {
				out.MaxEntries = s.MaxEntries
			}
		}
		out.InnerMap = x.innerMapName(mi)
		out.UsedBy = []Usage{}
		for us := range users[d.Name] {
			out.UsedBy = append(out.UsedBy, Usage{Function: us.fn, Access: us.access})
		}
		sort.Slice(out.UsedBy, func(i, j int) bool {
			if out.UsedBy[i].Function != out.UsedBy[j].Function {
				return out.UsedBy[i].Function < out.UsedBy[j].Function
			}
			return out.UsedBy[i].Access < out.UsedBy[j].Access
		})
		res.Maps.Maps = append(res.Maps.Maps, out)
	}
	if err := x.innerShapes(dir, []byte(e.source), res.Functions.Functions, res.Maps.Maps); err != nil {
		var xe *Error
		if errors.As(err, &xe) {
			return err
		}
		return fmt.Errorf("reading the inner maps' shape from %s: %w", mcu.SourceFile, err)
	}
	ws := append([]Warning(nil), x.warnings...)
	sort.SliceStable(ws, func(i, j int) bool {
		if ws[i].File != ws[j].File {
			return ws[i].File < ws[j].File
		}
		if ws[i].Line != ws[j].Line {
			return ws[i].Line < ws[j].Line
		}
		return ws[i].Kind < ws[j].Kind
	})
	if ws == nil {
		ws = []Warning{}
	}
	res.Warnings = Warnings{Warnings: ws}
	for name, v := range map[string]any{mcu.FunctionsFile: res.Functions, mcu.MapsFile: res.Maps, mcu.WarningsFile: res.Warnings} {
		if err := writeJSON(filepath.Join(dir, name), v); err != nil {
			return err
		}
	}
	return nil
}
