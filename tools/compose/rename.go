package compose

import (
	"fmt"
	"sort"
	"strings"
	"unsafe"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// token is one lexed identifier or punctuation character with its byte offset.
type token struct {
	text  string
	off   int
	ident bool
}

// lex runs cfront.Lex and records offsets: Lex hands out substrings of its input, so a
// token's offset is its distance from the start of the text.
func lex(src string) []token {
	var out []token
	if len(src) == 0 {
		return nil
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(src)))
	cfront.Lex(src, func(tok string, ident bool) {
		off := int(uintptr(unsafe.Pointer(unsafe.StringData(tok))) - base)
		out = append(out, token{tok, off, ident})
	})
	return out
}

// definition is the first stage that defined a name, and the text of its definition.
type definition struct {
	stage string
	text  string
	// mapFile and mapLine locate a map's definition in its repository.
	mapFile string
	mapLine int
	// name is the name in the composed file.
	name string
}

// plan is what happens to one unit's text in the composed file.
type plan struct {
	renamed map[string]string
	shared  []string
	drops   [][2]int
	dropWhy map[[2]int]string
	entry   string // the entry's new name
}

// planUnit decides, for the unit at index i of us, which definitions are dropped (an earlier
// stage has identical text; maps: the same source definition) and which names are renamed
// (they clash with an earlier stage's different definition or with a name other units'
// headers use). defs accumulates the definitions of earlier stages.
func (c *composer) planUnit(us []*unit, i int, defs map[string]definition) (*plan, error) {
	u := us[i]
	p := &plan{renamed: map[string]string{}, dropWhy: map[[2]int]string{}, entry: u.fns.Entry + "__" + u.ident}
	p.renamed[u.fns.Entry] = p.entry
	mapLoc := map[string][2]any{}
	for _, m := range u.maps.Maps {
		mapLoc[m.Name] = [2]any{m.File, m.StartLine}
	}
	usedElsewhere := func(n string) bool {
		for j, o := range us {
			if j != i && o.idents[n] {
				return true
			}
		}
		return false
	}
	seenRange := map[[2]int]bool{}
	for _, d := range u.tu.Decls {
		text := string(u.src[d.Begin:d.End])
		if d.Section == "license" || d.Section == "version" {
			if !seenRange[[2]int{d.Begin, d.End}] {
				p.drops = append(p.drops, [2]int{d.Begin, d.End})
				p.dropWhy[[2]int{d.Begin, d.End}] = d.Section + ": one for the composed program"
				seenRange[[2]int{d.Begin, d.End}] = true
			}
			continue
		}
		if d.Name == u.fns.Entry && d.Func() {
			continue
		}
		names := declNames(d)
		if len(names) == 0 || !d.IsDefinition && d.Func() {
			continue
		}
		var mf string
		var ml int
		isMap := d.Kind == "VarDecl" && (d.Section == ".maps" || d.Section == "maps")
		if isMap {
			if l, ok := mapLoc[d.Name]; ok {
				mf, ml = l[0].(string), l[1].(int)
			}
		}
		same := true
		for _, n := range names {
			prev, ok := defs[n]
			if !ok || prev.text != text || isMap && (prev.mapFile != mf || prev.mapLine != ml || mf == "") {
				same = false
			}
		}
		if same {
			for _, n := range names {
				if nn := defs[n].name; nn != n {
					p.renamed[n] = nn
				}
			}
			if !seenRange[[2]int{d.Begin, d.End}] {
				p.drops = append(p.drops, [2]int{d.Begin, d.End})
				p.dropWhy[[2]int{d.Begin, d.End}] = strings.Join(names, ", ") + ": same definition as stage " + defs[names[0]].stage
				seenRange[[2]int{d.Begin, d.End}] = true
			}
			p.shared = append(p.shared, names...)
			continue
		}
		for _, n := range names {
			prev, clash := defs[n]
			if clash && prev.stage == u.stage.Name {
				continue // a struct tag and a variable of the same unit share the name
			}
			nn := n
			if clash || usedElsewhere(n) {
				nn = n + "__" + u.ident
				p.renamed[n] = nn
			}
			if !clash {
				defs[n] = definition{stage: u.stage.Name, text: text, mapFile: mf, mapLine: ml, name: nn}
			}
		}
	}
	sort.Strings(p.shared)
	return p, nil
}

// rewrite applies p to u's text: dropped definitions become blank lines, the entry becomes a
// static always-inline function, and renamed names are replaced wherever they occur as
// identifiers (not after '.' or '->', and not as field names inside the unit's records).
func (c *composer) rewrite(u *unit, p *plan) (string, error) {
	src := string(u.src)
	var edits []edit
	for _, d := range p.drops {
		edits = append(edits, edit{d[0], d[1], "/* " + p.dropWhy[d] + " */" + newlines(src[d[0]:d[1]])})
	}
	var entry *cfront.Decl
	var records [][2]int
	for i := range u.tu.Decls {
		d := &u.tu.Decls[i]
		if d.Func() && d.Name == u.fns.Entry && d.IsDefinition {
			entry = d
		}
		if d.Kind == "RecordDecl" && d.IsDefinition {
			records = append(records, [2]int{d.Begin, d.End})
		}
	}
	// The entry's head (attributes, section, return type, name) is written anew.
	head := -1
	for _, t := range lex(src[entry.Begin:entry.BodyBegin]) {
		if t.ident && t.text == u.fns.Entry {
			head = entry.Begin + t.off + len(t.text)
			break
		}
	}
	if head < 0 {
		return "", fmt.Errorf("stage %s: cannot find the name of entry %s in its definition", u.stage.Name, u.fns.Entry)
	}
	edits = append(edits, edit{entry.Begin, head, fmt.Sprintf("static __attribute__((always_inline)) inline %s %s", u.ret, p.entry) + newlines(src[entry.Begin:head])})

	toks := lex(src)
	inRecord := func(off int) bool {
		for _, r := range records {
			if off >= r[0] && off < r[1] {
				return true
			}
		}
		return false
	}
	for k, t := range toks {
		nn, ok := p.renamed[t.text]
		if !t.ident || !ok {
			continue
		}
		if t.off >= entry.Begin && t.off < head {
			continue
		}
		if k > 0 && (toks[k-1].text == "." || k > 1 && toks[k-1].text == ">" && toks[k-2].text == "-" && toks[k-2].off+1 == toks[k-1].off) {
			continue
		}
		if k+1 < len(toks) && inRecord(t.off) && strings.Contains(";:[,", toks[k+1].text) && !toks[k+1].ident {
			// a field declarator: fields are not file-scope names
			continue
		}
		edits = append(edits, edit{t.off, t.off + len(t.text), nn})
	}
	return apply(src, edits)
}

func apply(src string, edits []edit) (string, error) {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	pos := 0
	for _, e := range edits {
		if e.start < pos {
			// inside a dropped definition: the drop wins
			if e.end <= pos {
				continue
			}
			return "", fmt.Errorf("overlapping edits at byte %d", e.start)
		}
		b.WriteString(src[pos:e.start])
		b.WriteString(e.text)
		pos = e.end
	}
	b.WriteString(src[pos:])
	return b.String(), nil
}

func newlines(s string) string { return strings.Repeat("\n", strings.Count(s, "\n")) }
