package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/opened-ebpf/opened/tools/index"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/maptype"
	"github.com/opened-ebpf/opened/tools/spec"
)

// unit is a translation unit with lookup tables.
type unit struct {
	tu     *cfront.TU
	rank   int
	funcs  map[string][]int // functions by name (definitions and declarations)
	vars   map[string][]int
	types  map[string][]int // struct/union/enum tags and typedef names
	consts map[string]int   // enum constant -> EnumDecl
	macros map[string][]int // #define/#undef lines by name (indexes into tu.Macros)
	// needMacro marks macro names the unit's copied text uses.
	needMacro map[string]bool
	// sysDefined lists well-known macros system headers define.
	sysDefined map[string]bool
	// paste holds the macro families reached by token pasting (paste.go).
	paste map[string][]string
	// innerTmpl memoises innerTemplate (innertmpl.go) per map of maps.
	innerTmpl map[*cfront.Decl]int
}

func newUnit(tu *cfront.TU, rank int) *unit {
	u := &unit{tu: tu, rank: rank, funcs: map[string][]int{}, vars: map[string][]int{}, types: map[string][]int{},
		consts: map[string]int{}, macros: map[string][]int{}, needMacro: map[string]bool{}, sysDefined: map[string]bool{}}
	for i := range tu.Decls {
		d := &tu.Decls[i]
		switch {
		case d.Func():
			u.funcs[d.Name] = append(u.funcs[d.Name], i)
		case d.Kind == "VarDecl":
			u.vars[d.Name] = append(u.vars[d.Name], i)
		case d.IsType() && d.Name != "":
			u.types[d.Name] = append(u.types[d.Name], i)
		}
		for _, c := range d.EnumConsts {
			u.consts[c] = i
		}
		for _, n := range d.Nested {
			u.types[n] = append(u.types[n], i)
		}
	}
	for i := range tu.Macros {
		u.macros[tu.Macros[i].Name] = append(u.macros[tu.Macros[i].Name], i)
	}
	for _, m := range tu.SystemMacros {
		u.sysDefined[m] = true
	}
	return u
}

// chunk is a piece of original text emitted once: one or more top-level
// declarations whose source ranges overlap.
type chunk struct {
	key   string
	u     *unit
	first int // index of the first declaration in u.tu.Decls
	decls []*cfront.Decl
	file  string
	begin int
	end   int
	text  string
}

func (c *chunk) has(kind string) bool {
	for _, d := range c.decls {
		if d.Kind == kind {
			return true
		}
	}
	return false
}

type extractor struct {
	ctx    context.Context
	ix     *index.Index
	opts   Options
	prefer map[string]bool
	// readErr is the first source file src could not read; Run fails with it.
	readErr error

	units     map[string]*unit
	innerPre  *innerClang // innerShapes' clang runs, started beside the mcu.o compile
	entryUnit *unit
	entry     *cfront.Decl

	chunks map[string]*chunk
	order  []*chunk
	work   []*chunk
	srcs   map[string][]byte

	warnings []Warning
	warned   map[string]bool
	// undefined lists globals declared extern that no unit defines.
	undefined map[string]bool
	// fellBack is set when mcu.c is the fallback form.
	fellBack bool
	// sysDirs caches systemDirs.
	sysDirs []string
}

func newExtractor(ctx context.Context, ix *index.Index, opts Options) *extractor {
	x := &extractor{ctx: ctx, ix: ix, opts: opts, prefer: map[string]bool{}, units: map[string]*unit{},
		chunks: map[string]*chunk{},
		srcs:   map[string][]byte{}, warned: map[string]bool{}, undefined: map[string]bool{}}
	for _, p := range opts.Prefer {
		x.prefer[filepath.ToSlash(filepath.Clean(p))] = true
	}
	return x
}

func (x *extractor) unit(name string) (*unit, error) {
	if u, ok := x.units[name]; ok {
		return u, nil
	}
	tu, err := x.ix.Unit(x.ctx, name)
	if err != nil {
		if ue, ok := err.(*index.UnitError); ok {
			if me := missingHeader(ue.Output); me != nil {
				return nil, me
			}
			return nil, &Error{File: name, Msg: "clang rejects this file (not BPF C for -target bpf?):\n" + ue.Output}
		}
		return nil, err
	}
	if le := leavingInclude(tu.Includes); le != nil {
		return nil, le
	}
	u := newUnit(tu, len(x.units))
	x.units[name] = u
	// Typedefs that system headers take from project files (a project vmlinux.h).
	for _, t := range tu.SystemTypedefs {
		for _, i := range u.types[t] {
			x.add(u, i)
		}
	}
	for _, m := range tu.SystemMacroUses {
		x.needMacro(u, m)
	}
	return u, nil
}

func (x *extractor) src(file string) []byte {
	if b, ok := x.srcs[file]; ok {
		return b
	}
	b, err := os.ReadFile(filepath.Join(x.ix.Repo(), file))
	if err != nil && x.readErr == nil {
		// An unreadable file is not an empty one: Run reports it.
		x.readErr = &Error{File: file, Msg: fmt.Sprintf("cannot read source: %v", unwrapPathErr(err))}
	}
	x.srcs[file] = b
	return b
}

func (x *extractor) warn(w Warning) {
	k := string(w.Kind) + "\x00" + w.Symbol + "\x00" + w.File
	if x.warned[k] {
		return
	}
	x.warned[k] = true
	x.warnings = append(x.warnings, w)
}

// resolveEntry finds the entry function and its unit.
func (x *extractor) resolveEntry(e spec.Entry) error {
	if e.Function == "" {
		return x.entryAt(e.File, e.Line)
	}
	defs, err := x.ix.Definitions(x.ctx, e.Function, "function")
	if err != nil {
		return err
	}
	if len(defs) == 0 {
		// The lazy index did not find the name in any unit's text (made by
		// token pasting?): ask clang about every unit.
		if err := x.ix.Complete(x.ctx); err != nil {
			return err
		}
		if defs, err = x.ix.Definitions(x.ctx, e.Function, "function"); err != nil {
			return err
		}
	}
	locs := distinct(defs)
	if len(locs) == 0 {
		msg := fmt.Sprintf("unknown function %q: no definition in any translation unit of the repository", e.Function)
		if failed, _ := x.ix.FailedUnits(x.ctx); len(failed) > 0 {
			var names []string
			for f := range failed {
				names = append(names, f)
			}
			sort.Strings(names)
			// A unit clang rejected that mentions the name is the likely culprit.
			for _, f := range names {
				for _, id := range identifiers(string(x.src(f))) {
					if id == e.Function {
						if me := missingHeader(failed[f]); me != nil {
							return me
						}
						return &Error{File: f, Msg: fmt.Sprintf("function %q cannot be extracted: clang rejects this file for -target bpf (is it BPF C?):\n%s",
							e.Function, strings.TrimSpace(failed[f]))}
					}
				}
			}
			msg += fmt.Sprintf(" (clang rejected %s)", strings.Join(names, ", "))
		}
		return &Error{Msg: msg}
	}
	if len(locs) > 1 {
		var pref []index.Symbol
		for _, l := range locs {
			if x.prefer[l.File] {
				pref = append(pref, l)
			}
		}
		if len(pref) != 1 {
			var c []string
			for _, l := range locs {
				c = append(c, fmt.Sprintf("%s:%d", l.File, l.StartLine))
			}
			return &Error{Msg: fmt.Sprintf("function %q is defined in several places (%s); name the entry as FILE:LINE or add the file to prefer",
				e.Function, strings.Join(c, ", "))}
		}
		locs = pref
	}
	l := locs[0]
	tuName := l.TU
	for _, d := range defs {
		if d.File == l.File && d.StartLine == l.StartLine && d.TU == d.File {
			tuName = d.TU
		}
	}
	if b := x.buildUnit(l.File); b != "" {
		tuName = b
	}
	return x.entryIn(tuName, l.File, l.StartLine, e.Function)
}

// buildUnit returns the unit that #includes the .c file (the unit the
// project builds, which holds the license), the first by path, or "".
func (x *extractor) buildUnit(file string) string {
	if !strings.HasSuffix(file, ".c") {
		return ""
	}
	us, err := x.ix.Includers(x.ctx, file)
	if err != nil || len(us) == 0 {
		return ""
	}
	return us[0]
}

func firstLines(s string, n int) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	if len(ls) > n {
		ls = ls[:n]
	}
	return strings.Join(ls, "\n")
}

// entryAt resolves FILE:LINE.
func (x *extractor) entryAt(file string, line int) error {
	var tuName string
	for _, u := range x.ix.Units() {
		if u == file {
			tuName = u
		}
	}
	if b := x.buildUnit(file); b != "" {
		tuName = b // a .c file #included by the .c file the project builds
	}
	if tuName == "" {
		// A header: the function at that line in every unit that includes it.
		type cand struct{ unit, fn string }
		var cands []cand
		names := map[string]bool{}
		syms, err := x.ix.FunctionsAt(x.ctx, file, line)
		if err != nil {
			return err
		}
		for _, s := range syms {
			cands = append(cands, cand{s.TU, s.Name})
			names[s.Name] = true
		}
		if len(cands) == 0 {
			if us, _ := x.ix.Includers(x.ctx, file); len(us) > 0 {
				u, err := x.unit(us[0])
				if err != nil {
					return err
				}
				if cond, at := disabledBy(u.tu, file, string(x.src(file)), line); cond != "" {
					return &Error{File: file, Line: line, Msg: fmt.Sprintf("line is compiled out in this build: it is inside `%s` (%s:%d), which the given flags leave disabled; add the -D flag that enables it or choose another entry",
						cond, file, at)}
				}
				return &Error{File: file, Line: line, Msg: "line is not inside a function definition"}
			}
			return &Error{File: file, Line: line, Msg: "not a C translation unit and not included by any translation unit of the repository"}
		}
		if len(names) > 1 {
			var list []string
			for _, c := range cands {
				list = append(list, fmt.Sprintf("%s (in %s)", c.fn, c.unit))
			}
			return &Error{File: file, Line: line, Msg: fmt.Sprintf("line is inside a function that different translation units compile as different programs: %s; give the entry as one of these function names",
				strings.Join(list, ", "))}
		}
		tuName = cands[0].unit
	}
	return x.entryIn(tuName, file, line, "")
}

func (x *extractor) entryIn(tuName, file string, line int, name string) error {
	u, err := x.unit(tuName)
	if err != nil {
		return err
	}
	x.entryUnit = u
	for i := range u.tu.Decls {
		d := &u.tu.Decls[i]
		if !d.Func() || !d.IsDefinition || d.File != file {
			continue
		}
		if name != "" && d.Name == name && d.StartLine == line || name == "" && d.StartLine <= line && line <= d.EndLine {
			x.entry = d
			break
		}
	}
	if x.entry == nil {
		if name != "" {
			return &Error{File: file, Line: line, Msg: fmt.Sprintf("function %q not found in translation unit %s", name, tuName)}
		}
		n := strings.Count(string(x.src(file)), "\n")
		if line > n+1 {
			return &Error{File: file, Line: line, Msg: fmt.Sprintf("line %d is past the end of the file (%d lines)", line, n)}
		}
		if cond, at := disabledBy(u.tu, file, string(x.src(file)), line); cond != "" {
			return &Error{File: file, Line: line, Msg: fmt.Sprintf("line is compiled out in this build: it is inside `%s` (%s:%d), which the given flags leave disabled; add the -D flag that enables it or choose another entry",
				cond, file, at)}
		}
		return &Error{File: file, Line: line, Msg: "line is not inside a function definition"}
	}
	if x.entry.Section == "" {
		return &Error{File: x.entry.File, Line: x.entry.StartLine,
			Msg: fmt.Sprintf("entry %q is not a BPF program: it has no ELF section (SEC(...)), so it cannot be loaded at a hook", x.entry.Name)}
	}
	return nil
}

// distinct groups definitions by location, ordered by file and line.
func distinct(defs []index.Symbol) []index.Symbol {
	seen := map[string]bool{}
	var out []index.Symbol
	for _, d := range defs {
		k := fmt.Sprintf("%s:%d", d.File, d.StartLine)
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

// group returns the declarations sharing declaration i's text: neighbours in
// unit order with the same file, offset and unit position (a header
// included twice yields two groups), and the chunk key, which names them so
// that the same text seen from two units is one chunk.
func group(u *unit, i int) (first int, decls []*cfront.Decl, key string) {
	ds := u.tu.Decls
	same := func(a, b *cfront.Decl) bool { return a.File == b.File && a.Begin == b.Begin && a.Seq == b.Seq }
	lo, hi := i, i
	for lo > 0 && same(&ds[lo-1], &ds[i]) {
		lo--
	}
	for hi+1 < len(ds) && same(&ds[hi+1], &ds[i]) {
		hi++
	}
	var names []string
	for j := lo; j <= hi; j++ {
		decls = append(decls, &ds[j])
		names = append(names, ds[j].Kind+" "+ds[j].Name)
	}
	return lo, decls, fmt.Sprintf("%s:%d:%s", ds[i].File, ds[i].Begin, strings.Join(names, ","))
}

// added reports whether declaration i of u is in the unit already.
func (x *extractor) added(u *unit, i int) bool {
	_, _, key := group(u, i)
	_, ok := x.chunks[key]
	return ok
}

// add queues the chunk holding declaration i of u.
func (x *extractor) add(u *unit, i int) {
	d := &u.tu.Decls[i]
	first, decls, key := group(u, i)
	if c, ok := x.chunks[key]; ok {
		if u.rank < c.u.rank {
			// Seen first from a later unit: place it where the earlier unit has it.
			c.u, c.first, c.decls = u, first, decls
		}
		return
	}
	c := &chunk{key: key, u: u, first: first, decls: decls, file: d.File, begin: d.Begin, end: d.End}
	src := x.src(d.File)
	if d.End <= len(src) && d.Begin <= d.End {
		c.text = x.inlineIncludes(u, d.File, d.StartLine, prune(u.tu, d.File, d.StartLine, string(src[d.Begin:d.End])), 0)
	}
	x.chunks[key] = c
	x.order = append(x.order, c)
	x.work = append(x.work, c)
}

// needMacro marks macro name as used in u and scans every definition of it.
func (x *extractor) needMacro(u *unit, name string) {
	if u.needMacro[name] {
		return
	}
	u.needMacro[name] = true
	for _, i := range u.macros[name] {
		if m := &u.tu.Macros[i]; !m.Undef {
			x.scanText(u, m.Text, name)
		}
	}
}

// closure computes everything the entry needs.
func (x *extractor) closure() error {
	u := x.entryUnit
	x.add(u, x.index(u, x.entry))
	// License and version sections of the entry's unit: those of the entry's file, else
	// those its project headers declare (a shared header declaring the license once).
	for _, inEntryFile := range []bool{true, false} {
		found := false
		for i := range u.tu.Decls {
			d := &u.tu.Decls[i]
			if d.Kind == "VarDecl" && (d.Section == "license" || d.Section == "version") && (d.File == u.tu.File) == inEntryFile && !filepath.IsAbs(d.File) {
				x.add(u, i)
				found = true
			}
		}
		if found {
			break
		}
	}
	for len(x.work) > 0 {
		c := x.work[0]
		x.work = x.work[1:]
		if err := x.visit(c); err != nil {
			return err
		}
	}
	return nil
}

func (x *extractor) index(u *unit, d *cfront.Decl) int {
	for i := range u.tu.Decls {
		if &u.tu.Decls[i] == d {
			return i
		}
	}
	return -1
}

func (x *extractor) visit(c *chunk) error {
	u := c.u
	for _, d := range c.decls {
		for _, r := range d.Refs {
			switch r.Kind {
			case "FunctionDecl":
				if err := x.needFunc(u, r.Name, d); err != nil {
					return err
				}
			case "VarDecl":
				if _, helper := u.tu.Helpers[r.Name]; helper && len(u.vars[r.Name]) == 0 {
					continue // a helper declared by a system header
				}
				if err := x.needVar(u, r.Name, d); err != nil {
					return err
				}
			case "EnumConstantDecl":
				if i, ok := u.consts[r.Name]; ok {
					x.add(u, i)
				}
			}
		}
		if d.Map != nil && d.Map.Style == "iproute2" && maptype.IsProgArray(d.Map.Type) && d.Map.ID != 0 {
			x.tailTargets(u, d)
		}
		if i := x.innerTemplate(u, d); i >= 0 {
			// The inner map template named by inner_id or inner_map_idx belongs to the unit.
			x.add(u, i)
		}
	}
	isType := true
	for _, d := range c.decls {
		if !d.IsType() {
			isType = false
		}
		for _, t := range d.TypeRefs {
			x.needType(u, t)
		}
	}
	if isType {
		x.scanTypeText(u, c.text)
	} else {
		x.scanText(u, c.text, "")
	}
	return nil
}

// needType adds the definitions of type name in u.
func (x *extractor) needType(u *unit, name string) {
	is, ok := u.types[name]
	if !ok {
		return
	}
	best := -1
	for _, i := range is {
		if u.tu.Decls[i].IsDefinition {
			best = i
			x.add(u, i)
		}
	}
	if best < 0 {
		x.add(u, is[0])
	}
}

// scanTypeText is scanText for the text of type declarations: a struct or
// union named only through pointers in member declarations needs no
// definition (C declares the tag at file scope), which keeps a project
// vmlinux.h from dragging in every kernel type reachable by pointer.
// Functions still get the types they use from clang (Decl.TypeRefs).
func (x *extractor) scanTypeText(u *unit, text string) {
	toks := tokens(text)
	full := map[string]bool{}
	ptrOnly := map[string]bool{}
	depth := 0
	for k, t := range toks {
		switch t {
		case "(":
			depth++
		case ")":
			depth--
		}
		if k == 0 || (toks[k-1] != "struct" && toks[k-1] != "union") {
			continue
		}
		if depth == 0 && k+1 < len(toks) && toks[k+1] == "*" {
			ptrOnly[t] = true
		} else {
			full[t] = true
		}
	}
	var kept []string
	for _, t := range toks {
		if ptrOnly[t] && !full[t] {
			continue
		}
		kept = append(kept, t)
	}
	x.scanText(u, strings.Join(kept, " "), "")
}

// tokens splits C text into identifiers and single punctuation characters,
// skipping comments, literals and numbers.
func tokens(text string) []string {
	var out []string
	cfront.Lex(text, func(tok string, _ bool) { out = append(out, tok) })
	return out
}

// tailTargets adds programs installed in an iproute2 prog array through
// "ID/KEY" sections.
func (x *extractor) tailTargets(u *unit, m *cfront.Decl) {
	prefix := fmt.Sprintf("%d/", m.Map.ID)
	for i := range u.tu.Decls {
		d := &u.tu.Decls[i]
		if d.Func() && d.IsDefinition && strings.HasPrefix(d.Section, prefix) {
			x.add(u, i)
		}
	}
}

// scanText adds the macros, types and enums named by identifiers in text.
func (x *extractor) scanText(u *unit, text, self string) {
	for _, id := range u.macroIdents(text) {
		if id == self {
			continue
		}
		if _, ok := u.macros[id]; ok {
			x.needMacro(u, id)
		}
		if is, ok := u.types[id]; ok {
			best := -1
			for _, i := range is {
				if u.tu.Decls[i].IsDefinition {
					best = i
					x.add(u, i)
				}
			}
			if best < 0 {
				x.add(u, is[0])
			}
		}
		if i, ok := u.consts[id]; ok {
			x.add(u, i)
		}
	}
}

func identifiers(text string) []string { return cfront.Identifiers(text) }

// inlineIncludes replaces project #include lines inside a declaration's text
// (an X-macro list included in an enum body) by the included file's text.
func (x *extractor) inlineIncludes(u *unit, file string, first int, text string, depth int) string {
	if depth > 8 || !strings.Contains(text, "include") {
		return text
	}
	lines := strings.SplitAfter(text, "\n")
	changed := false
	for i, l := range lines {
		if !strings.Contains(l, "include") {
			continue
		}
		for _, inc := range u.tu.Includes {
			if inc.From != file || inc.Line != first+i || inc.System {
				continue
			}
			body := x.inlineIncludes(u, inc.To, 1, prune(u.tu, inc.To, 1, string(x.src(inc.To))), depth+1)
			if !strings.HasSuffix(body, "\n") {
				body += "\n"
			}
			lines[i] = fmt.Sprintf("/* %s: inlined by opened extract */\n", strings.TrimSpace(l)) + body
			changed = true
			break
		}
	}
	if !changed {
		return text
	}
	return strings.Join(lines, "")
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
