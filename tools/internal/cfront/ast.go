package cfront

import (
	"context"
	"fmt"
	"path/filepath"
)

// Node is one node of clang's AST of a file, with byte offsets into the source. It is the
// exported form later stages (transform) use to find what to rewrite: each rewrite starts
// from a node clang produced, never from a textual pattern.
type Node struct {
	Kind   string // FunctionDecl, CallExpr, MemberExpr, DeclRefExpr, ...
	Name   string // declared or member name
	Type   string // qualType
	Opcode string // operators
	Value  string // literals
	// StorageClass is "static", "extern" or empty.
	StorageClass string
	Inline       bool
	// IsArrow is true for a MemberExpr written p->m.
	IsArrow bool
	// Ref is the declaration a DeclRefExpr names (Kind, Name and Type only).
	Ref *Node
	// Loc is the node's own location (a declaration's name, a member's name);
	// Begin and End bound its source range (End is the start of the last token).
	Loc, Begin, End Pos
	Inner           []*Node
}

// Pos is a location in clang's AST. For a location inside a macro expansion, File, Offset
// and Line are where the macro is invoked (the expansion) and Spell* where the token is
// written (the macro's body or argument).
type Pos struct {
	File        string
	Offset      int
	Line        int
	TokLen      int
	Macro       bool
	SpellFile   string
	SpellOffset int
	SpellTokLen int
	Valid       bool
}

// Extent returns the byte range [start, end) n covers in its expansion file, and false when
// clang gave no range.
func (n *Node) Extent() (int, int, bool) {
	if !n.Begin.Valid || !n.End.Valid || n.Begin.File != n.End.File {
		return 0, 0, false
	}
	return n.Begin.Offset, n.End.Offset + n.End.TokLen, true
}

// Walk calls fn for n and, while fn returns true, for its descendants in order.
func (n *Node) Walk(fn func(*Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	for _, c := range n.Inner {
		c.Walk(fn)
	}
}

// Unwrap skips implicit casts and parentheses.
func (n *Node) Unwrap() *Node {
	for n != nil && (n.Kind == "ImplicitCastExpr" || n.Kind == "ParenExpr") && len(n.Inner) > 0 {
		n = n.Inner[0]
	}
	return n
}

// AST is clang's AST of one file: the top-level declarations written in the file itself,
// and the BPF helpers visible to it (name to helper ID, from "static T (*name)(...) = (void *) N").
type AST struct {
	File    string
	Decls   []*Node
	Helpers map[string]int
	// Kfuncs names the kernel functions visible to the file: extern function declarations
	// placed in a section (libbpf's __ksym, section ".ksyms") without a body.
	Kfuncs map[string]bool
	// Intrinsics names the functions declared with an asm label (LLVM intrinsics such as
	// llvm.bpf.load.byte).
	Intrinsics map[string]bool
}

// ParseAST runs clang -ast-dump=json over file (relative to o.Repo) and returns the
// declarations of file itself with byte offsets.
func ParseAST(ctx context.Context, o Options, file string) (*AST, error) {
	repo, err := filepath.Abs(o.Repo)
	if err != nil {
		return nil, err
	}
	o.Repo = repo
	out, err := runOutput(ctx, o, file, "-fsyntax-only", "-Xclang", "-ast-dump=json")
	if err != nil {
		return nil, err
	}
	defer out.close()
	data, release, unmap, err := out.mapped()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	defer unmap()
	return astFrom(data, release, file)
}

// ASTFromJSON builds the AST of file from clang's -ast-dump=json output.
func ASTFromJSON(out []byte, file string) (*AST, error) {
	return astFrom(out, nil, file)
}

// astFrom streams the dump's top-level declarations (release as in buildTU).
func astFrom(out []byte, release func(int), file string) (*AST, error) {
	a := &AST{File: file, Helpers: map[string]int{}, Kfuncs: map[string]bool{}, Intrinsics: map[string]bool{}}
	b := &builder{enums: map[string]int64{}}
	err := newParser(out, release).stream(func(d *jnode) error {
		switch d.Kind {
		case "EnumDecl":
			for k, v := range enumValues(d) {
				b.enums[k] = v
			}
		case "VarDecl":
			if id, ok := b.helperID(d); ok {
				a.Helpers[d.Name] = id
			}
		case "FunctionDecl":
			body, section, label := false, false, false
			for _, c := range d.Inner {
				switch c.Kind {
				case "CompoundStmt":
					body = true
				case "SectionAttr":
					section = true
				case "AsmLabelAttr":
					label = true
				}
			}
			if !body && section && d.StorageClass == "extern" {
				a.Kfuncs[d.Name] = true
			}
			if label {
				a.Intrinsics[d.Name] = true
			}
		}
		if p := expansion(d.Loc); !p.valid || p.File != file || d.IsImplicit {
			return nil
		}
		a.Decls = append(a.Decls, exportNode(d))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return a, nil
}

func exportPos(l jloc) Pos {
	p := expansion(l)
	out := Pos{File: p.File, Offset: p.Offset, Line: p.Line, TokLen: p.TokLen, Macro: p.Macro, Valid: p.valid}
	if s := l.spell; s.ok {
		out.SpellFile, out.SpellOffset, out.SpellTokLen = s.File, int(s.Offset), int(s.TokLen)
	}
	return out
}

func exportNode(j *jnode) *Node {
	n := &Node{Kind: j.Kind, Name: j.Name, Type: j.Type, Opcode: j.Opcode, Value: j.Value,
		StorageClass: j.StorageClass, Inline: j.Inline, IsArrow: j.IsArrow, Loc: exportPos(j.Loc)}
	n.Begin, n.End = exportPos(j.Range.Begin), exportPos(j.Range.End)
	if j.Ref != nil {
		n.Ref = &Node{Kind: j.Ref.Kind, Name: j.Ref.Name, Type: j.Ref.Type}
	}
	if len(j.Inner) > 0 {
		n.Inner = make([]*Node, 0, len(j.Inner))
		for _, c := range j.Inner {
			if c.Kind == "FullComment" {
				continue
			}
			n.Inner = append(n.Inner, exportNode(c))
		}
	}
	return n
}
