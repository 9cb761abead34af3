package cfront

import (
	"sort"
	"strconv"
	"strings"
)

// helperID recognises "static T (*name)(...) = (void *) N;".
func (b *builder) helperID(n *jnode) (int, bool) {
	if !strings.Contains(n.Type, "(*") || n.Init == "" {
		return 0, false
	}
	var id int
	found := false
	var visit func(c *jnode, underCast bool)
	visit = func(c *jnode, underCast bool) {
		if found {
			return
		}
		if c.Kind == "DeclRefExpr" && underCast && c.Ref != nil && c.Ref.Kind == "EnumConstantDecl" {
			if v, ok := b.enums[c.Ref.Name]; ok {
				id, found = int(v), true
			}
			return
		}
		if c.Kind == "IntegerLiteral" && underCast {
			v, err := strconv.Atoi(c.Value)
			if err == nil {
				id, found = v, true
			}
			return
		}
		for _, k := range c.Inner {
			visit(k, underCast || c.Kind == "CStyleCastExpr")
		}
	}
	for _, c := range n.Inner {
		visit(c, false)
	}
	return id, found && id > 0
}

// enumValues computes the values of an EnumDecl's constants.
func enumValues(n *jnode) map[string]int64 {
	vals := map[string]int64{}
	next := int64(0)
	for _, c := range n.Inner {
		if c.Kind != "EnumConstantDecl" {
			continue
		}
		v := next
		for _, k := range c.Inner {
			if k.Kind == "ConstantExpr" && k.Value != "" {
				if x, err := strconv.ParseInt(k.Value, 10, 64); err == nil {
					v = x
				}
			}
		}
		vals[c.Name] = v
		next = v + 1
	}
	return vals
}

// walker collects references and helper calls inside a declaration.
type walker struct {
	tu      *TU
	topVars map[uint64]string
	refs    []Ref
	helpers []HelperCall
	types   map[string]bool // identifiers of the types of every node
}

// noteType records the identifiers of a clang type spelling.
func (w *walker) noteType(t string) {
	if t == "" {
		return
	}
	if w.types == nil {
		w.types = map[string]bool{}
	}
	for _, id := range Identifiers(t) {
		w.types[id] = true
	}
}

func (w *walker) typeRefs() []string {
	var out []string
	for id := range w.types {
		switch id {
		case "struct", "union", "enum", "const", "volatile", "unsigned", "signed", "int", "char", "long", "short", "void", "typeof", "restrict", "_Bool", "float", "double":
			continue
		}
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func stripCasts(n *jnode) *jnode {
	for n != nil && (n.Kind == "ImplicitCastExpr" || n.Kind == "ParenExpr" || n.Kind == "CStyleCastExpr" ||
		(n.Kind == "UnaryOperator" && n.Opcode == "&")) && len(n.Inner) > 0 {
		n = n.Inner[0]
	}
	return n
}

func nodeLine(n *jnode) int {
	if p := expansion(n.Range.Begin); p.valid {
		return p.Line
	}
	return 0
}

func (w *walker) walk(n *jnode) {
	w.noteType(n.Type)
	w.noteType(n.ArgType)
	switch n.Kind {
	case "FullComment":
		return
	case "CallExpr":
		if len(n.Inner) > 0 {
			callee := stripCasts(n.Inner[0])
			if callee != nil && callee.Kind == "DeclRefExpr" && callee.Ref != nil {
				r := callee.Ref
				line := nodeLine(n)
				if r.Kind == "FunctionDecl" {
					w.refs = append(w.refs, Ref{Name: r.Name, Kind: r.Kind, Line: line, Call: true})
					for _, a := range n.Inner[1:] {
						w.walk(a)
					}
					return
				}
				if id, ok := w.tu.Helpers[r.Name]; ok && r.Kind == "VarDecl" {
					hc := HelperCall{Helper: r.Name, ID: id, Line: line}
					for _, a := range n.Inner[1:] {
						if m := stripCasts(a); m != nil && m.Kind == "DeclRefExpr" && m.Ref != nil && m.Ref.Kind == "VarDecl" {
							if _, top := w.topVars[m.Ref.ID]; top {
								hc.Maps = append(hc.Maps, m.Ref.Name)
							}
						}
					}
					w.helpers = append(w.helpers, hc)
					w.refs = append(w.refs, Ref{Name: r.Name, Kind: r.Kind, Line: line, Call: true})
					for _, a := range n.Inner[1:] {
						w.walk(a)
					}
					return
				}
			}
		}
	case "DeclRefExpr":
		if r := n.Ref; r != nil {
			switch r.Kind {
			case "FunctionDecl", "EnumConstantDecl":
				w.refs = append(w.refs, Ref{Name: r.Name, Kind: r.Kind, Line: nodeLine(n)})
			case "VarDecl":
				if _, top := w.topVars[r.ID]; top {
					w.refs = append(w.refs, Ref{Name: r.Name, Kind: r.Kind, Line: nodeLine(n)})
				}
			}
		}
	}
	for _, c := range n.Inner {
		w.walk(c)
	}
}
