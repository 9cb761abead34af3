package cfront

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Sections without a code generation run: a declaration's SectionAttr locates its attribute,
// and the preprocessor stream (clang -E -dD, run anyway) holds that line with every macro
// expanded (SEC("xdp"), SEC(PROG_NAME), __section("maps") all become
// __attribute__((section("..."), ...))). Reading the string literal there gives the section
// clang assigns, so parsing a unit takes two clang runs (AST, preprocessor), not three.

// ppLines returns the preprocessor stream's lines that may hold a section attribute, by
// stream position (the positions ppResult.seq returns).
func ppLines(out []byte) map[int]string {
	lines := map[int]string{}
	eachLine(out, func(pos int, ln []byte) bool {
		if len(ln) > 0 && ln[0] != '#' && bytes.Contains(ln, []byte("section")) {
			lines[pos] = string(ln)
		}
		return true
	})
	return lines
}

// eachLine calls fn with each line of out (without its newline) and its number from 0, until
// fn returns false.
func eachLine(out []byte, fn func(pos int, ln []byte) bool) {
	for pos := 0; len(out) > 0; pos++ {
		nl := bytes.IndexByte(out, '\n')
		var ln []byte
		if nl < 0 {
			ln, out = out, nil
		} else {
			ln, out = out[:nl], out[nl+1:]
		}
		if !fn(pos, ln) {
			return
		}
	}
}

// ppVersion returns the compiler's __VERSION__ from the -dD stream ("" if absent).
func ppVersion(out []byte) string {
	const def = "#define __VERSION__ "
	i := bytes.Index(out, []byte("\n"+def))
	if i < 0 {
		return ""
	}
	rest := out[i+1+len(def):]
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	v, err := strconv.Unquote(string(bytes.TrimSpace(rest)))
	if err != nil {
		return ""
	}
	return v
}

// sectionAt returns the section named by the k-th section attribute found from the stream
// line of file:line on (the attribute's expansion line; a declaration spread over lines has
// it within a few lines), and whether one was found.
func sectionAt(pp *ppResult, lines map[int]string, file string, line, k int) (string, bool) {
	p, _ := pp.seq(file, line, 0, 0)
	if p < 0 {
		return "", false
	}
	for q := p; q < p+8; q++ {
		text, ok := lines[q]
		if !ok {
			continue
		}
		for _, s := range sectionNames(text) {
			if k == 0 {
				return s, true
			}
			k--
		}
	}
	return "", false
}

// sectionNames returns the string arguments of section(...) / __section__(...) attributes
// in preprocessed text, in order; adjacent string literals are concatenated.
func sectionNames(text string) []string {
	var out []string
	toks := Tokens(text)
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].Kind != Ident || (toks[i].Text != "section" && toks[i].Text != "__section__") || toks[i+1].Text != "(" {
			continue
		}
		// Only an attribute: section( inside __attribute__((...)).
		if i < 2 || toks[i-1].Text != "(" && toks[i-1].Text != "," {
			continue
		}
		var name strings.Builder
		j := i + 2
		for ; j < len(toks) && toks[j].Kind == String && strings.HasPrefix(toks[j].Text, `"`); j++ {
			s, err := strconv.Unquote(toks[j].Text)
			if err != nil {
				break
			}
			name.WriteString(s)
		}
		if j > i+2 && j < len(toks) && toks[j].Text == ")" {
			out = append(out, name.String())
		}
	}
	return out
}

// needsIR reports whether a preprocessor stream declares maps whose definitions only code
// generation folds (legacy struct bpf_map_def, iproute2 struct bpf_elf_map, anything in
// section "maps"): their initializers (sizeof, enum constants, arithmetic) are read from the
// IR's constant initializers. A unit without them needs no IR.
func needsIR(pp []byte) bool {
	need := false
	eachLine(pp, func(_ int, ln []byte) bool {
		if len(ln) == 0 || ln[0] == '#' {
			return true
		}
		for _, typ := range []string{"bpf_map_def", "bpf_elf_map"} {
			// A declaration of that type; the struct's own definition (a vendored
			// bpf_helpers.h has one) declares no map.
			if i := bytes.Index(ln, []byte(typ)); i >= 0 && !bytes.HasPrefix(bytes.TrimLeft(ln[i+len(typ):], " \t"), []byte("{")) {
				need = true
			}
		}
		if bytes.Contains(ln, []byte("section")) {
			for _, s := range sectionNames(string(ln)) {
				if s == "maps" || strings.HasPrefix(s, "maps/") {
					need = true
				}
			}
		}
		return !need
	})
	return need
}

// section returns the ELF section of a function or variable declaration: the IR's when the
// unit needed the IR, else the section attribute's string read from the preprocessor stream
// at the attribute's expansion line; "" when it has none.
func (b *builder) section(n *jnode) string {
	if s, ok := b.ir.sections[n.Name]; ok {
		return s
	}
	if s, ok := b.sections[n.ID]; ok {
		return s
	}
	if b.sections == nil {
		b.sections, b.attrOffsets = map[uint64]string{}, map[string][]int{}
	}
	for _, c := range n.Inner {
		if c.Kind != "SectionAttr" {
			continue
		}
		p := expansion(c.Range.Begin)
		if !p.valid {
			continue
		}
		// The k-th distinct attribute of its line (an inherited attribute of a redeclaration
		// has the original's location, so it reads the same string).
		key := fmt.Sprintf("%s:%d", p.File, p.Line)
		offs := b.attrOffsets[key]
		k := slices.Index(offs, p.Offset)
		if k < 0 {
			k = len(offs)
			b.attrOffsets[key] = append(offs, p.Offset)
		}
		if s, ok := sectionAt(&b.pp, b.ppLines, p.File, p.Line, k); ok {
			b.sections[n.ID] = s
			return s
		}
	}
	b.sections[n.ID] = ""
	return ""
}

// redeclSections gives every declaration of a function or variable the section one of its
// declarations names (a prototype before the SEC("xdp") definition is in "xdp"), as the
// symbol's section is; the IR, when the unit needed it, already said so by name.
func (b *builder) redeclSections(tu *TU) {
	byName := map[string]string{}
	for _, d := range tu.Decls {
		if (d.Func() || d.Kind == "VarDecl") && d.Section != "" {
			if _, ok := byName[d.Name]; !ok {
				byName[d.Name] = d.Section
			}
		}
	}
	for i := range tu.Decls {
		if d := &tu.Decls[i]; (d.Func() || d.Kind == "VarDecl") && d.Section == "" {
			d.Section = byName[d.Name]
		}
	}
}
