package extract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/opened-ebpf/opened/tools/index"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/mcu"
)

const preferAction = "name the file whose definition the unit should use in the spec field `prefer` (CLI: --prefer FILE)"

func locations(syms []index.Symbol) []Location {
	var out []Location
	for _, s := range syms {
		out = append(out, Location{File: s.File, Line: s.StartLine})
	}
	return out
}

// otherDefinitions reports duplicate-resolved when name has definitions
// elsewhere in the repository than the one the unit sees. The note chooses
// nothing, so it parses no other unit: the definitions of the units parsed so
// far and, in files none of them entered, the lines whose text defines the
// function or map (index.DefinitionSites). A project whose programs each define
// their own static process_packet, or their own copy of a map, parsed every
// program for this note.
func (x *extractor) otherDefinitions(u *unit, d *cfront.Decl, kinds ...string) error {
	var all []index.Symbol
	for _, k := range kinds {
		defs, err := x.ix.DefinitionSites(x.ctx, d.Name, k)
		if err != nil {
			return err
		}
		all = append(all, defs...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].File != all[j].File {
			return all[i].File < all[j].File
		}
		return all[i].StartLine < all[j].StartLine
	})
	locs := distinct(all)
	if len(locs) < 2 {
		return nil
	}
	x.warn(Warning{Kind: mcu.KindDuplicateResolved, Severity: "info", Symbol: d.Name, File: d.File, Line: d.StartLine,
		Message: fmt.Sprintf("%s has %d definitions in the repository; translation unit %s sees only the one at %s:%d (decided by clang through its includes and -D flags)",
			d.Name, len(locs), u.tu.File, d.File, d.StartLine),
		Candidates: locations(locs)})
	return nil
}

// needFunc adds the definition of function name as seen from u.
func (x *extractor) needFunc(u *unit, name string, from *cfront.Decl) error {
	var decl *cfront.Decl
	var def int = -1
	for _, i := range u.funcs[name] {
		d := &u.tu.Decls[i]
		if d.IsDefinition {
			def = i
			continue
		}
		if decl == nil {
			decl = d
		}
		// Keep the unit's own declarations (prototypes) where they were written.
		x.add(u, i)
	}
	if def >= 0 {
		d := &u.tu.Decls[def]
		if !x.added(u, def) {
			x.add(u, def)
			return x.otherDefinitions(u, d, "function")
		}
		return nil
	}
	if decl == nil {
		return nil // a builtin or a system function
	}
	if decl.Section == ".ksyms" || decl.AsmLabel {
		// A kfunc (__ksym: the kernel provides it) or an LLVM intrinsic
		// (asm("llvm.bpf...")): the declaration is kept, nothing to define.
		return nil
	}
	chosen, err := x.crossUnit(u, decl, []string{"function"}, "function")
	if err != nil || chosen == nil {
		if err == nil {
			x.warn(Warning{Kind: mcu.KindUndefinedFunction, Severity: "warning", Symbol: name, File: decl.File, Line: decl.StartLine,
				Message: fmt.Sprintf("%s is declared but defined in no translation unit of the repository", name),
				Action:  "provide the definition (or the library that defines it)"})
		}
		return err
	}
	return x.addDef(chosen, name, true)
}

// needVar adds the definition of global variable (or map) name seen from u.
func (x *extractor) needVar(u *unit, name string, from *cfront.Decl) error {
	var decl *cfront.Decl
	declIdx := -1
	found := false
	for _, i := range u.vars[name] {
		d := &u.tu.Decls[i]
		if d.IsDefinition && !d.Extern {
			if !x.added(u, i) {
				x.add(u, i)
				if d.Map != nil {
					if err := x.otherDefinitions(u, d, "map"); err != nil {
						return err
					}
				}
			}
			found = true
		} else {
			if decl == nil {
				decl, declIdx = d, i
			}
			x.add(u, i) // extern declarations stay where they were written
		}
	}
	if found || decl == nil {
		return nil
	}
	chosen, err := x.crossUnit(u, decl, []string{"map", "var"}, "variable")
	if err != nil {
		return err
	}
	if chosen == nil && (decl.Section == ".kconfig" || decl.Section == ".ksyms") {
		// __kconfig / __ksym: the loader resolves it from the running kernel.
		x.add(u, declIdx)
		return nil
	}
	if chosen == nil {
		// Keep the extern declaration so that the unit compiles; user space must provide it.
		x.add(u, declIdx)
		x.undefined[name] = true
		if x.usedAsMap(name) || decl.Map != nil {
			x.warn(Warning{Kind: mcu.KindUserSpaceMap, Severity: "warning", Symbol: name, File: decl.File, Line: decl.StartLine,
				Message: fmt.Sprintf("map %s is declared but no translation unit of the repository defines it; it is instantiated by user space", name),
				Action:  fmt.Sprintf("create map %s (type %s) in user space and supply it when loading (e.g. as a pinned map or a map replacement)", name, decl.Signature)})
		} else {
			x.warn(Warning{Kind: mcu.KindUndefinedVariable, Severity: "warning", Symbol: name, File: decl.File, Line: decl.StartLine,
				Message: fmt.Sprintf("%s is declared extern but defined in no translation unit of the repository", name),
				Action:  "provide its definition"})
		}
		return nil
	}
	return x.addDef(chosen, name, false)
}

func (x *extractor) usedAsMap(name string) bool {
	for _, u := range x.units {
		for i := range u.tu.Decls {
			for _, hc := range u.tu.Decls[i].HelperCalls {
				for _, m := range hc.Maps {
					if m == name {
						return true
					}
				}
			}
		}
	}
	return false
}

// crossUnit chooses among the non-static definitions of decl's name in other
// units: by signature compatibility, then by prefer; otherwise it warns
// duplicate-ambiguous and takes the first by path.
func (x *extractor) crossUnit(u *unit, decl *cfront.Decl, kinds []string, what string) (*index.Symbol, error) {
	var all []index.Symbol
	for _, k := range kinds {
		defs, err := x.ix.Definitions(x.ctx, decl.Name, k)
		if err != nil {
			return nil, err
		}
		for _, d := range defs {
			if d.Storage != "static" && d.Storage != "extern" {
				all = append(all, d)
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].File != all[j].File {
			return all[i].File < all[j].File
		}
		return all[i].StartLine < all[j].StartLine
	})
	locs := distinct(all)
	if len(locs) == 0 {
		return nil, nil
	}
	pick := func(l index.Symbol) *index.Symbol {
		// Prefer the row of the unit that is the defining file itself.
		for _, d := range all {
			if d.File == l.File && d.StartLine == l.StartLine && d.TU == d.File {
				return &d
			}
		}
		return &l
	}
	if len(locs) == 1 {
		return pick(locs[0]), nil
	}
	var compat []index.Symbol
	for _, l := range locs {
		if sameSignature(l.Sig, decl.Signature) {
			compat = append(compat, l)
		}
	}
	var mismatched []string
	for _, l := range locs {
		if !sameSignature(l.Sig, decl.Signature) {
			mismatched = append(mismatched, fmt.Sprintf("%s:%d (%s)", l.File, l.StartLine, l.Sig))
		}
	}
	if len(compat) == 0 {
		compat = locs
	}
	if len(compat) == 1 {
		x.warn(Warning{Kind: mcu.KindDuplicateResolved, Severity: "info", Symbol: decl.Name, File: compat[0].File, Line: compat[0].StartLine,
			Message: fmt.Sprintf("%s %s has %d definitions; only %s:%d matches the declaration %q seen by %s (others: %s)",
				what, decl.Name, len(locs), compat[0].File, compat[0].StartLine, decl.Signature, u.tu.File, strings.Join(mismatched, ", ")),
			Candidates: locations(locs)})
		return pick(compat[0]), nil
	}
	// As the static linker does, a strong definition overrides weak ones.
	var strong []index.Symbol
	for _, l := range compat {
		if !l.Weak {
			strong = append(strong, l)
		}
	}
	if len(strong) == 1 && len(compat) > 1 {
		x.warn(Warning{Kind: mcu.KindDuplicateResolved, Severity: "info", Symbol: decl.Name, File: strong[0].File, Line: strong[0].StartLine,
			Message: fmt.Sprintf("%s %s has %d compatible definitions; the strong one at %s:%d overrides the weak ones, as the linker does",
				what, decl.Name, len(compat), strong[0].File, strong[0].StartLine),
			Candidates: locations(compat)})
		return pick(strong[0]), nil
	}
	if len(strong) > 1 {
		compat = strong
	}
	var pref []index.Symbol
	for _, l := range compat {
		if x.prefer[l.File] {
			pref = append(pref, l)
		}
	}
	if len(pref) == 1 {
		x.warn(Warning{Kind: mcu.KindDuplicateResolved, Severity: "info", Symbol: decl.Name, File: pref[0].File, Line: pref[0].StartLine,
			Message: fmt.Sprintf("%s %s has %d compatible definitions; prefer selects %s:%d",
				what, decl.Name, len(compat), pref[0].File, pref[0].StartLine),
			Candidates: locations(compat)})
		return pick(pref[0]), nil
	}
	x.warn(Warning{Kind: mcu.KindDuplicateAmbiguous, Severity: "warning", Symbol: decl.Name, File: decl.File, Line: decl.StartLine,
		Message: fmt.Sprintf("%s %s is only declared in translation unit %s and defined with compatible signatures in %d places (%s); using %s:%d, the first by path",
			what, decl.Name, u.tu.File, len(compat), locList(compat), compat[0].File, compat[0].StartLine),
		Candidates: locations(compat),
		Action:     preferAction})
	return pick(compat[0]), nil
}

// sameSignature compares clang type spellings, ignoring parameter names and spacing.
func sameSignature(a, b string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return norm(a) == norm(b)
}

// addDef adds the definition described by s from its unit.
func (x *extractor) addDef(s *index.Symbol, name string, fn bool) error {
	u, err := x.unit(s.TU)
	if err != nil {
		return err
	}
	idx := u.vars[name]
	if fn {
		idx = u.funcs[name]
	}
	for _, i := range idx {
		d := &u.tu.Decls[i]
		if d.IsDefinition && !d.Extern && d.File == s.File && d.StartLine == s.StartLine {
			x.add(u, i)
			return nil
		}
	}
	return fmt.Errorf("index out of date: %s not found at %s:%d in unit %s", name, s.File, s.StartLine, s.TU)
}

func locList(syms []index.Symbol) string {
	var s []string
	for _, l := range syms {
		s = append(s, fmt.Sprintf("%s:%d", l.File, l.StartLine))
	}
	return strings.Join(s, ", ")
}
