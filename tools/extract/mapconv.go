package extract

import (
	"fmt"
	"strings"

	"github.com/opened-ebpf/opened/tools/index"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/maptype"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// convertLegacy writes a legacy or iproute2 map definition as a BTF map.
func convertLegacy(u *unit, d *cfront.Decl) string {
	m := d.Map
	var b strings.Builder
	style := "struct bpf_map_def"
	if m.Style == "iproute2" {
		style = "struct bpf_elf_map"
	}
	storage := ""
	if d.Storage == "static" {
		storage = "static "
	}
	fmt.Fprintf(&b, "/* %s %s converted to a BTF map by opened extract. */\n", style, d.Name)
	b.WriteString(storage + "struct {\n")
	var inner *cfront.Decl
	if i := innerTemplateOf(u, d); i >= 0 {
		inner = &u.tu.Decls[i]
	}
	for _, l := range legacyFields(u, m, inner == nil, false) {
		b.WriteString("\t" + l + "\n")
	}
	if inner != nil {
		// The inner map template named by inner_id, as BTF.
		fmt.Fprintf(&b, "\t__array(values, struct { /* %s */\n", inner.Name)
		// Sizes, not types: clang 14 writes a struct reached only through the nested
		// definition as a forward declaration in BTF, which no loader can size.
		for _, l := range legacyFields(u, inner.Map, true, true) {
			b.WriteString("\t\t" + l + "\n")
		}
		b.WriteString("\t});\n")
	}
	fmt.Fprintf(&b, "} %s __attribute__((section(\".maps\"), used));", d.Name)
	return b.String()
}

// legacyFields writes a legacy definition's fields as BTF map fields; sizes writes key_size
// and value_size instead of the types wherever the sizes are known.
func legacyFields(u *unit, m *cfront.MapDef, value, sizes bool) []string {
	var out []string
	tname := index.MapTypeName(u.tu, m.Type)
	if _, ok := u.tu.MapTypes[m.Type]; ok {
		out = append(out, fmt.Sprintf("__uint(type, %s);", tname))
	} else {
		out = append(out, fmt.Sprintf("__uint(type, %d); /* %s */", m.Type, tname))
	}
	kv := func(field, typ string, size int) {
		if f, _ := maptype.OfInt(m.Type); typ != "" && !f.NoBTFKeyValue && !(sizes && size > 0) {
			out = append(out, fmt.Sprintf("__type(%s, %s);", field, typ))
		} else {
			out = append(out, fmt.Sprintf("__uint(%s_size, %d);", field, size))
		}
	}
	kv("key", m.KeyType, m.KeySize)
	if value {
		kv("value", m.ValueType, m.ValueSize)
	}
	out = append(out, fmt.Sprintf("__uint(max_entries, %d);", m.MaxEntries))
	if m.Flags != 0 {
		out = append(out, fmt.Sprintf("__uint(map_flags, %d);", m.Flags))
	}
	if m.Pinning != 0 {
		out = append(out, "__uint(pinning, 1); /* LIBBPF_PIN_BY_NAME */")
	}
	return out
}

// mapWarnings reports maps the user must instantiate or fill.
func (x *extractor) mapWarnings(maps []*mapInfo) {
	for _, mi := range maps {
		d, m := mi.decl, mi.decl.Map
		tname := index.MapTypeName(mi.u.tu, m.Type)
		if m.Style != "btf" && !x.fellBack {
			x.warn(Warning{Kind: mcu.KindLegacyMapConverted, Severity: "info", Symbol: d.Name, File: d.File, Line: d.StartLine,
				Message: fmt.Sprintf("%s map %s (%s) is written as a BTF map in mcu.c", m.Style, d.Name, tname)})
		}
		var why, action []string
		if m.Pinning != 0 {
			why = append(why, "it is pinned by name, so at load time an existing pinned map is reused and its entries are written by user space (a daemon or tool)")
			action = append(action, fmt.Sprintf("pin a %s map named %s (or let the loader create it) and fill it from user space", tname, d.Name))
		}
		facts, _ := maptype.OfInt(m.Type)
		switch {
		case facts.UserEntries != "":
			if len(m.Values) == 0 {
				why = append(why, fmt.Sprintf("its entries (%s) can only be inserted by user space", facts.UserEntries))
				action = append(action, fmt.Sprintf("insert the %s into %s from user space", facts.UserEntries, d.Name))
			}
		case maptype.IsProgArray(m.Type):
			filled := len(m.Values) > 0
			if m.Style == "iproute2" && m.ID != 0 {
				prefix := fmt.Sprintf("%d/", m.ID)
				var secs []string
				for _, c := range x.sorted() {
					if f := c.function(); f != nil && strings.HasPrefix(f.Section, prefix) {
						secs = append(secs, fmt.Sprintf("%s (section %s)", f.Name, f.Section))
					}
				}
				if len(secs) > 0 {
					filled = true
					why = append(why, fmt.Sprintf("it is a program array that tc fills when it loads the object, from the programs of sections %s/N: %s", strings.TrimSuffix(prefix, "/"), strings.Join(secs, ", ")))
					action = append(action, fmt.Sprintf("load with tc, or insert those programs into %s at the slots their section names give", d.Name))
				}
			}
			if !filled {
				why = append(why, "it is a program array whose slots are filled by user space (no program of the repository is installed in it)")
				action = append(action, fmt.Sprintf("load the tail-call target programs and insert them into %s; without them the tail call falls through", d.Name))
			}
		case maptype.IsMapInMap(m.Type):
			inner := m.InnerType
			if i := x.innerTemplate(mi.u, d); i >= 0 {
				inner = mi.u.tu.Decls[i].Name
			}
			switch {
			case inner == "":
				why = append(why, "it is a map of maps whose inner maps are created by user space and nothing in the repository describes them")
				action = append(action, fmt.Sprintf("supply the inner map definition (type, key/value size, max entries) when loading, and insert the inner maps into %s", d.Name))
			case len(m.Values) == 0:
				why = append(why, fmt.Sprintf("it is a map of maps (inner map %s) whose inner maps are inserted by user space", inner))
				action = append(action, fmt.Sprintf("create inner maps like %s and insert them into %s", inner, d.Name))
			}
		}
		if m.Style == "btf" && m.MaxEntries == 0 && facts.Sizing == maptype.ByObject {
			why = append(why, "it has no max_entries: its loader sizes it (e.g. to the number of CPUs) before loading")
			action = append(action, fmt.Sprintf("set max_entries of %s before loading (e.g. bpf_map__set_max_entries) and fill it from user space", d.Name))
		}
		if len(why) > 0 {
			x.warn(Warning{Kind: mcu.KindUserSpaceMap, Severity: "warning", Symbol: d.Name, File: d.File, Line: d.StartLine,
				Message: fmt.Sprintf("map %s: %s", d.Name, strings.Join(why, "; ")),
				Action:  strings.Join(action, "; ")})
		}
	}
}
