package cfront

import (
	"strconv"
	"strings"
)

// mapDef recognises a map definition in a top-level VarDecl.
func (b *builder) mapDef(tu *TU, n *jnode, records map[string]*record, lastAnon *jnode) *MapDef {
	sec := b.section(n)
	typ := n.Type
	var m *MapDef
	switch {
	case sec == ".maps":
		m = &MapDef{Style: "btf", Fields: map[string]int{}}
		r := records[typ]
		if r == nil {
			r = records[b.typedefRecord[strings.TrimPrefix(typ, "const ")]]
		}
		if r == nil && strings.Contains(typ, "(unnamed") && lastAnon != nil {
			r = records[idKey(lastAnon.ID)]
		}
		if r == nil {
			return m
		}
		for _, f := range r.fields {
			ft := f.Type
			if strings.HasPrefix(ft, "int (*)[") && strings.HasSuffix(ft, "]") {
				v, _ := strconv.Atoi(ft[len("int (*)[") : len(ft)-1])
				m.Fields[f.Name] = v
				continue
			}
			switch f.Name {
			case "key":
				m.KeyType = pointee(ft)
			case "value":
				m.ValueType = pointee(ft)
			case "values":
				inner := strings.TrimSuffix(ft, " *[]")
				inner = strings.TrimPrefix(inner, "typeof(")
				inner = strings.TrimSuffix(inner, ")")
				m.InnerType = b.anonName(inner)
			}
		}
		m.Type = m.Fields["type"]
		m.MaxEntries = m.Fields["max_entries"]
		m.KeySize = m.Fields["key_size"]
		m.ValueSize = m.Fields["value_size"]
		m.Flags = m.Fields["map_flags"]
		m.Pinning = m.Fields["pinning"]
		// Statically initialised .values.
		for _, c := range n.Inner {
			if c.Kind == "InitListExpr" {
				collectValueRefs(c, &m.Values)
			}
		}
	case strings.Contains(typ, "bpf_elf_map") || strings.Contains(typ, "bpf_map_def") || sec == "maps":
		style := "legacy"
		if strings.Contains(typ, "bpf_elf_map") {
			style = "iproute2"
		}
		m = &MapDef{Style: style, Fields: map[string]int{}}
		r := records[strings.TrimPrefix(typ, "const ")]
		if r == nil {
			r = records[b.typedefRecord[strings.TrimPrefix(typ, "const ")]]
		}
		vals := b.ir.inits[n.Name]
		var initList *jnode
		for _, c := range n.Inner {
			if c.Kind == "InitListExpr" {
				initList = c
			}
		}
		if r != nil {
			for i, f := range r.fields {
				if i < len(vals) {
					m.Fields[f.Name] = int(vals[i])
				}
				if initList != nil && i < len(initList.Inner) {
					if t := sizeofType(initList.Inner[i]); t != "" {
						switch f.Name {
						case "key_size", "size_key":
							m.KeyType = t
						case "value_size", "size_value":
							m.ValueType = t
						}
					}
				}
			}
		}
		get := func(names ...string) int {
			for _, k := range names {
				if v, ok := m.Fields[k]; ok {
					return v
				}
			}
			return 0
		}
		m.Type = get("type")
		m.KeySize = get("key_size", "size_key")
		m.ValueSize = get("value_size", "size_value")
		m.MaxEntries = get("max_entries", "max_elem")
		m.Flags = get("map_flags", "flags")
		m.Pinning = get("pinning")
		m.ID = get("id")
		m.InnerID = get("inner_id")
		m.InnerIdx = get("inner_idx")
	}
	return m
}

func pointee(t string) string {
	t = strings.TrimSuffix(t, " *")
	if strings.HasPrefix(t, "typeof(") && strings.HasSuffix(t, ")") {
		t = t[len("typeof(") : len(t)-1]
	}
	return t
}

func sizeofType(n *jnode) string {
	n = stripCasts(n)
	if n != nil && n.Kind == "UnaryExprOrTypeTraitExpr" && n.Name == "sizeof" {
		if n.ArgType != "" {
			return n.ArgType
		}
		if len(n.Inner) > 0 {
			return stripCasts(n.Inner[0]).Type
		}
	}
	return ""
}

func collectValueRefs(n *jnode, out *[]string) {
	if n.Kind == "DeclRefExpr" && n.Ref != nil {
		*out = append(*out, n.Ref.Name)
	}
	for _, c := range n.Inner {
		collectValueRefs(c, out)
	}
}
