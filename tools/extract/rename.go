package extract

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// staticRenames finds file-local (static) definitions of units after the
// entry's whose names another unit of the MCU also defines, and names them
// apart: rank -> old name -> new name.
func (x *extractor) staticRenames(cs []*chunk) map[int]map[string]string {
	ranks := map[string]map[int]bool{}
	static := map[string]map[int]*cfront.Decl{}
	// Types: a tag or typedef name defined by different texts in two units
	// (each unit's private header) is named apart in the later unit.
	typeChunks := map[string]map[int]*chunk{}
	typeDecl := map[string]map[int]*cfront.Decl{}
	for _, c := range cs {
		for _, d := range c.decls {
			if d.IsType() && d.IsDefinition && d.Name != "" {
				k := d.Tag + " " + d.Name
				if d.Kind == "TypedefDecl" {
					k = "typedef " + d.Name
				}
				if typeChunks[k] == nil {
					typeChunks[k], typeDecl[k] = map[int]*chunk{}, map[int]*cfront.Decl{}
				}
				if _, ok := typeChunks[k][c.u.rank]; !ok {
					typeChunks[k][c.u.rank], typeDecl[k][c.u.rank] = c, d
				}
			}
			if d.Name == "" || !(d.Func() && d.IsDefinition || d.Kind == "VarDecl" && d.IsDefinition && !d.Extern) {
				continue
			}
			if ranks[d.Name] == nil {
				ranks[d.Name], static[d.Name] = map[int]bool{}, map[int]*cfront.Decl{}
			}
			ranks[d.Name][c.u.rank] = true
			if d.Storage == "static" {
				static[d.Name][c.u.rank] = d
			}
		}
	}
	out := map[int]map[string]string{}
	unitOf := func(r int) *unit {
		for _, v := range x.units {
			if v.rank == r {
				return v
			}
		}
		return nil
	}
	suffix := func(u *unit) string {
		return "__" + strings.Map(func(c rune) rune {
			if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				return c
			}
			return '_'
		}, strings.TrimSuffix(path.Base(u.tu.File), ".c"))
	}
	var tkeys []string
	for k := range typeChunks {
		tkeys = append(tkeys, k)
	}
	sort.Strings(tkeys)
	for _, k := range tkeys {
		byRank := typeChunks[k]
		if len(byRank) < 2 {
			continue
		}
		lowest := -1
		for r := range byRank {
			if lowest < 0 || r < lowest {
				lowest = r
			}
		}
		for r, c := range byRank {
			if r == lowest || c == byRank[lowest] {
				continue
			}
			d, u := typeDecl[k][r], unitOf(r)
			to := d.Name + suffix(u)
			if out[r] == nil {
				out[r] = map[string]string{}
			}
			if d.Kind == "TypedefDecl" {
				out[r][d.Name] = to
			} else {
				out[r]["tag:"+d.Name] = to
			}
			x.warn(Warning{Kind: mcu.KindStaticRenamed, Severity: "info", Symbol: d.Name, File: d.File, Line: d.StartLine,
				Message: fmt.Sprintf("%s %s of %s is named %s in mcu.c: another unit of the MCU defines a different %s", strings.Fields(k)[0], d.Name, u.tu.File, to, d.Name)})
		}
	}
	var names []string
	for n := range ranks {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		if len(ranks[name]) < 2 {
			continue
		}
		lowest := -1
		for r := range ranks[name] {
			if lowest < 0 || r < lowest {
				lowest = r
			}
		}
		for r, d := range static[name] {
			if r == lowest {
				continue
			}
			var u *unit
			for _, v := range x.units {
				if v.rank == r {
					u = v
				}
			}
			base := strings.TrimSuffix(path.Base(u.tu.File), ".c")
			to := name + "__" + strings.Map(func(c rune) rune {
				if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
					return c
				}
				return '_'
			}, base)
			if out[r] == nil {
				out[r] = map[string]string{}
			}
			out[r][name] = to
			x.warn(Warning{Kind: mcu.KindStaticRenamed, Severity: "info", Symbol: name, File: d.File, Line: d.StartLine,
				Message: fmt.Sprintf("file-local %s of %s is named %s in mcu.c: another unit of the MCU also defines %s", name, u.tu.File, to, name)})
		}
	}
	return out
}

// replaceIdent replaces identifier old by new in C text, outside comments
// and literals.
func replaceIdent(text, old, new string) string { return replace(text, old, new, false) }

// replaceTag replaces old where it is a struct, union or enum tag.
func replaceTag(text, old, new string) string { return replace(text, old, new, true) }

func replace(text, old, new string, tagOnly bool) string {
	if !strings.Contains(text, old) {
		return text
	}
	prev := "" // previous identifier or punctuation token
	var b strings.Builder
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '/' && i+1 < len(text) && text[i+1] == '/':
			e := strings.IndexByte(text[i:], '\n')
			if e < 0 {
				e = len(text) - i
			}
			b.WriteString(text[i : i+e])
			i += e
		case c == '/' && i+1 < len(text) && text[i+1] == '*':
			e := strings.Index(text[i+2:], "*/")
			end := len(text)
			if e >= 0 {
				end = i + 2 + e + 2
			}
			b.WriteString(text[i:end])
			i = end
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(text) && text[j] != c && text[j] != '\n' {
				if text[j] == '\\' {
					j++
				}
				j++
			}
			if j < len(text) {
				j++
			}
			if j > len(text) {
				j = len(text)
			}
			b.WriteString(text[i:j])
			i = j
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			j := i
			for j < len(text) && (text[j] == '_' || text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z' || text[j] >= '0' && text[j] <= '9') {
				j++
			}
			tok := text[i:j]
			if tok == old && (!tagOnly || prev == "struct" || prev == "union" || prev == "enum") {
				b.WriteString(new)
			} else {
				b.WriteString(tok)
			}
			prev = tok
			i = j
		default:
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				prev = string(c)
			}
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}
