package extract

import (
	"regexp"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/maptype"
)

// innerIdxInit matches a designated initialiser of inner_map_idx in a legacy map definition.
var innerIdxInit = regexp.MustCompile(`\.\s*inner_map_idx\s*=`)

// innerTemplate returns the index in u.tu.Decls of the inner map template a legacy or
// iproute2 map of maps names, or -1:
//   - iproute2 (struct bpf_elf_map): the map whose id equals the outer map's inner_id;
//   - samples/bpf (struct bpf_map_def with inner_map_idx, read by bpf_load.c): the map at
//     position inner_map_idx among the unit's map definitions in section "maps", in
//     definition order, when the definition initialises inner_map_idx by name (an absent
//     field is 0, which would name the first map without the project meaning it).
func (x *extractor) innerTemplate(u *unit, d *cfront.Decl) int {
	if i, ok := u.innerTmpl[d]; ok {
		return i
	}
	i := x.findInnerTemplate(u, d)
	if u.innerTmpl == nil {
		u.innerTmpl = map[*cfront.Decl]int{}
	}
	u.innerTmpl[d] = i
	return i
}

// innerTemplateOf is innerTemplate's answer for d, once the closure has asked it (-1 before).
func innerTemplateOf(u *unit, d *cfront.Decl) int {
	if i, ok := u.innerTmpl[d]; ok {
		return i
	}
	return -1
}

func (x *extractor) findInnerTemplate(u *unit, d *cfront.Decl) int {
	m := d.Map
	if m == nil || m.Style == "btf" || !maptype.IsMapInMap(m.Type) {
		return -1
	}
	tmpl := -1
	if m.InnerID != 0 {
		for i := range u.tu.Decls {
			if o := &u.tu.Decls[i]; o.Map != nil && o.Map.ID == m.InnerID && o != d {
				tmpl = i
			}
		}
		return tmpl
	}
	idx, ok := m.Fields["inner_map_idx"]
	if !ok || m.Style != "legacy" {
		return -1
	}
	src := x.src(d.File)
	if d.Begin < 0 || d.End > len(src) || d.Begin >= d.End || !innerIdxInit.Match(src[d.Begin:d.End]) {
		return -1
	}
	n := 0
	for i := range u.tu.Decls {
		o := &u.tu.Decls[i]
		if o.Map == nil || o.Map.Style == "btf" || !o.IsDefinition || o.Section != "maps" {
			continue
		}
		if n == idx {
			if o == d || maptype.IsMapInMap(o.Map.Type) {
				return -1
			}
			return i
		}
		n++
	}
	return -1
}
