package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// This file reads the uses of a map of maps' inner maps from clang's AST of mcu.c: which
// local variables and parameters hold an inner map (the result of a lookup in the outer
// map, passed on to other functions of the unit), and the types at the lookups and updates
// in them (the key argument's type, the pointer type the result is assigned or cast to).

// anode is the part of a clang JSON AST node the inner-map analysis reads.
type anode struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Name     string `json:"name"`
	Opcode   string `json:"opcode"`
	CastKind string `json:"castKind"`
	Type     struct {
		QualType string `json:"qualType"`
	} `json:"type"`
	Range struct {
		Begin struct {
			Offset       *int `json:"offset"`
			ExpansionLoc *struct {
				Offset *int `json:"offset"`
			} `json:"expansionLoc"`
		} `json:"begin"`
	} `json:"range"`
	Ref *struct {
		ID   string `json:"id"`
		Kind string `json:"kind"`
		Name string `json:"name"`
	} `json:"referencedDecl"`
	Inner []*anode `json:"inner"`
}

// offset is the byte offset in mcu.c where the node begins (its macro expansion's place),
// or -1.
func (n *anode) offset() int {
	if e := n.Range.Begin.ExpansionLoc; e != nil && e.Offset != nil {
		return *e.Offset
	}
	if n.Range.Begin.Offset != nil {
		return *n.Range.Begin.Offset
	}
	return -1
}

// astFunctions runs clang on dir/mcu.c and returns the function definitions of its AST.
// The JSON is decoded one top-level declaration at a time, so that a large vmlinux.h never
// sits in memory as a whole.
func (x *extractor) astFunctions(ctx context.Context, dir string) ([]*anode, error) {
	args := append(append(append([]string{}, cfront.BaseFlags...), x.buildFlags(dir)...),
		"-fsyntax-only", "-Wno-everything", "-Xclang", "-ast-dump=json", mcu.SourceFile)
	fns, _, err := x.runAST(ctx, dir, mcu.SourceFile, args)
	return fns, err
}

// astFunctionsSized is astFunctions and sizeTypesAll in one clang run (each run costs about
// 0.1 s of start-up): the AST of a probe file that includes dir/mcu.c and declares
// `char __opened_sizeof_N[sizeof(T)]` per type, whose types in the dump ("char[12]") are
// the sizes. Like sizeTypesAll it is all or nothing: a type that does not size at file
// scope fails the run.
func (x *extractor) astFunctionsSized(ctx context.Context, dir string, types []string) ([]*anode, map[string]uint32, error) {
	list := uniqueSorted(types)
	tmp, err := writeProbe(dir, list)
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(tmp)
	args := append(append(append([]string{}, cfront.BaseFlags...), x.buildFlags(tmp)...),
		"-fsyntax-only", "-Wno-everything", "-Xclang", "-ast-dump=json", probeFile)
	fns, vars, err := x.runAST(ctx, tmp, probeFile, args)
	if err != nil {
		return nil, nil, err
	}
	sizes := map[string]uint32{}
	for i, t := range list {
		if n, ok := vars[i]; ok {
			sizes[t] = n
		}
	}
	return fns, sizes, nil
}

// runAST runs clang with args (an AST dump of file) in dir and decodes its output while
// clang writes it.
func (x *extractor) runAST(ctx context.Context, dir, file string, args []string) ([]*anode, map[int]uint32, error) {
	clang := x.opts.Clang
	if clang == "" {
		clang = "clang"
	}
	cmd := exec.CommandContext(ctx, clang, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	fns, vars, derr := decodeFunctions(out)
	io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		return nil, nil, &cfront.ClangError{File: file, Output: stderr.String(), Err: err}
	}
	if derr != nil {
		return nil, nil, fmt.Errorf("reading clang's AST of %s: %w", file, derr)
	}
	return fns, vars, nil
}

// decodeFunctions reads a TranslationUnitDecl and keeps its function definitions, and the
// sizes of the probe variables (probePrefix, by number) it declares.
//
// Only those declarations are decoded. clang indents its dump two spaces a level, so a
// top-level declaration is the lines from "    {" to "    }" (or "    },"), and its kind is
// on its second or third line: the others (the thousands of declarations of the helper and
// kernel headers) are skipped line by line, without decoding their JSON.
func decodeFunctions(r io.Reader) ([]*anode, map[int]uint32, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var fns []*anode
	vars := map[int]uint32{}
	line := func() ([]byte, error) {
		l, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A long line (a string literal's value): read on to its end.
			long := append([]byte{}, l...)
			for err == bufio.ErrBufferFull {
				l, err = br.ReadSlice('\n')
				long = append(long, l...)
			}
			l = long
		}
		if err == io.EOF && len(l) > 0 {
			err = nil
		}
		return bytes.TrimRight(l, "\r\n"), err
	}
	first, err := line()
	if err != nil || string(first) != "{" {
		return nil, nil, fmt.Errorf("not a JSON AST dump (%q, %v)", first, err)
	}
	inInner := false
	var decl []byte
	keep, head := false, 0
	for {
		l, err := line()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if !inInner {
			if string(l) == `  "inner": [` {
				inInner = true
			}
			continue
		}
		switch {
		case string(l) == "    {":
			decl, keep, head = append(decl[:0], '{'), false, 0
			continue
		case string(l) == "    }" || string(l) == "    },":
			if !keep {
				continue
			}
			decl = append(decl, '}')
			var n anode
			if err := json.Unmarshal(decl, &n); err != nil {
				return nil, nil, err
			}
			addDecl(&n, &fns, vars)
			keep = false
			continue
		case string(l) == "  ]":
			inInner = false
			continue
		}
		if head < 3 {
			head++
			if bytes.Contains(l, []byte(`"kind": "FunctionDecl"`)) || bytes.Contains(l, []byte(`"kind": "VarDecl"`)) {
				keep = true
			}
		}
		if keep || head < 3 {
			decl = append(append(decl, l...), '\n')
		}
	}
	return fns, vars, nil
}

// addDecl keeps n when it is a function definition or a probe variable.
func addDecl(n *anode, fns *[]*anode, vars map[int]uint32) {
	switch n.Kind {
	case "VarDecl":
		var i int
		var size uint32
		if _, err := fmt.Sscanf(n.Name, probePrefix+"%d", &i); err == nil {
			if _, err := fmt.Sscanf(n.Type.QualType, "char[%d]", &size); err == nil {
				vars[i] = size
			}
		}
	case "FunctionDecl":
		for _, c := range n.Inner {
			if c.Kind == "CompoundStmt" {
				*fns = append(*fns, n)
				return
			}
		}
	}
}

// Helpers whose arguments tell an inner map's key and value.
const (
	helperLookup       = "bpf_map_lookup_elem"
	helperLookupPercpu = "bpf_map_lookup_percpu_elem"
	helperUpdate       = "bpf_map_update_elem"
	helperDelete       = "bpf_map_delete_elem"
)

// innerUse is what one lookup, update or delete in an inner map tells.
type innerUse struct {
	helper string
	offset int
	// key and value are the types the call tells ("" when it tells nothing); keyWhy and
	// valueWhy say why not.
	key, value       string
	keyWhy, valueWhy string
	// valueUnused: the lookup's result is only tested for NULL.
	valueUnused bool
}

// innerUses holds, per outer map, the uses of its inner maps.
type innerUses struct {
	uses map[string][]innerUse
	// other lists other helpers and places an inner map is passed to (they tell nothing).
	other map[string][]string
	// offsets of the outer map's lookups (where inner maps come from).
	lookups map[string][]int
}

// analyzeInner finds the uses of the inner maps of the outer maps in outers.
func analyzeInner(fns []*anode, outers map[string]bool) *innerUses {
	byName := map[string]*anode{}
	for _, f := range fns {
		byName[f.Name] = f
	}
	// holds maps a variable or parameter (by AST id) to the outer map whose inner map it holds.
	holds := map[string]string{}
	res := &innerUses{uses: map[string][]innerUse{}, other: map[string][]string{}, lookups: map[string][]int{}}
	outerOf := func(call *anode) string {
		// The outer map of a lookup call: bpf_map_lookup_elem(&outer, ...).
		if calleeName(call) != helperLookup && calleeName(call) != helperLookupPercpu || len(call.Inner) < 2 {
			return ""
		}
		a := strip(call.Inner[1])
		if a.Kind == "UnaryOperator" && a.Opcode == "&" && len(a.Inner) == 1 {
			a = strip(a.Inner[0])
		}
		if a.Kind == "DeclRefExpr" && a.Ref != nil && outers[a.Ref.Name] {
			return a.Ref.Name
		}
		return ""
	}
	// source returns the outer map whose inner map expression e yields, or "".
	source := func(e *anode) string {
		e = strip(e)
		if e.Kind == "CallExpr" {
			return outerOf(e)
		}
		if e.Kind == "DeclRefExpr" && e.Ref != nil {
			return holds[e.Ref.ID]
		}
		return ""
	}
	for changed, round := true, 0; changed && round < 16; round++ {
		changed = false
		set := func(id, outer string) {
			if id != "" && outer != "" && holds[id] == "" {
				holds[id] = outer
				changed = true
			}
		}
		for _, f := range fns {
			walk(f, nil, func(n *anode, _ []*anode) {
				switch n.Kind {
				case "VarDecl":
					for _, c := range n.Inner {
						set(n.ID, source(c))
					}
				case "BinaryOperator":
					if n.Opcode == "=" && len(n.Inner) == 2 {
						if l := strip(n.Inner[0]); l.Kind == "DeclRefExpr" && l.Ref != nil {
							set(l.Ref.ID, source(n.Inner[1]))
						}
					}
				case "CallExpr":
					// An inner map passed to a function of the unit: the parameter holds it.
					callee := byName[calleeName(n)]
					if callee == nil {
						return
					}
					var params []*anode
					for _, c := range callee.Inner {
						if c.Kind == "ParmVarDecl" {
							params = append(params, c)
						}
					}
					for i, a := range n.Inner[1:] {
						if i < len(params) {
							set(params[i].ID, source(a))
						}
					}
				}
			})
		}
	}
	for _, f := range fns {
		walk(f, nil, func(n *anode, parents []*anode) {
			if n.Kind != "CallExpr" || len(n.Inner) < 2 {
				return
			}
			helper := calleeName(n)
			if o := outerOf(n); o != "" {
				res.lookups[o] = append(res.lookups[o], n.offset())
			}
			a := strip(n.Inner[1])
			if a.Kind != "DeclRefExpr" || a.Ref == nil || holds[a.Ref.ID] == "" {
				return
			}
			outer := holds[a.Ref.ID]
			u := innerUse{helper: helper, offset: n.offset()}
			switch helper {
			case helperLookup, helperLookupPercpu:
				u.key, u.keyWhy = argType(n, 2)
				u.value, u.valueUnused, u.valueWhy = resultType(parents)
			case helperUpdate:
				u.key, u.keyWhy = argType(n, 2)
				u.value, u.valueWhy = argType(n, 3)
			case helperDelete:
				u.key, u.keyWhy = argType(n, 2)
				u.valueUnused = true
			default:
				if _, ok := byName[helper]; !ok {
					res.other[outer] = append(res.other[outer], fmt.Sprintf("%s@%d", helper, n.offset()))
				}
				return
			}
			res.uses[outer] = append(res.uses[outer], u)
		})
	}
	return res
}

// walk visits n and its descendants in source order with their ancestors.
func walk(n *anode, parents []*anode, visit func(n *anode, parents []*anode)) {
	visit(n, parents)
	parents = append(parents, n)
	for _, c := range n.Inner {
		walk(c, parents, visit)
	}
}

// strip removes parentheses, implicit conversions and casts to void pointers.
func strip(n *anode) *anode {
	for len(n.Inner) == 1 {
		switch {
		case n.Kind == "ParenExpr" || n.Kind == "ImplicitCastExpr":
		case n.Kind == "CStyleCastExpr" && isVoidPtr(n.Type.QualType):
		default:
			return n
		}
		n = n.Inner[0]
	}
	return n
}

// calleeName is the name of the function or function pointer a call calls.
func calleeName(call *anode) string {
	if call.Kind != "CallExpr" || len(call.Inner) == 0 {
		return ""
	}
	c := strip(call.Inner[0])
	if c.Kind == "DeclRefExpr" && c.Ref != nil {
		return c.Ref.Name
	}
	return ""
}

// argType is the type argument i (1-based) of a helper call points to: exact for &object
// and arrays, a claim for a pointer variable or cast. Pointers to void and to bytes tell no
// size.
func argType(call *anode, i int) (typ, why string) {
	if i >= len(call.Inner) {
		return "", "the call has no such argument"
	}
	raw := call.Inner[i]
	// The array itself, before it decays to a pointer to its first element.
	a := raw
	for len(a.Inner) == 1 && (a.Kind == "ParenExpr" || a.Kind == "ImplicitCastExpr" && a.CastKind != "ArrayToPointerDecay" ||
		a.Kind == "CStyleCastExpr" && isVoidPtr(a.Type.QualType)) {
		a = a.Inner[0]
	}
	if a.Kind == "ImplicitCastExpr" && a.CastKind == "ArrayToPointerDecay" && len(a.Inner) == 1 {
		if t := unqualified(a.Inner[0].Type.QualType); strings.HasSuffix(t, "]") {
			return t, ""
		}
	}
	t := a.Type.QualType
	p, ok := pointee(t)
	switch {
	case !ok:
		return "", fmt.Sprintf("it is a %s, not a pointer to a typed object", t)
	case p == "void":
		return "", fmt.Sprintf("it is a %s", t)
	case a.Kind == "UnaryOperator" && a.Opcode == "&":
		return p, ""
	case byteTypes[p]:
		return "", fmt.Sprintf("it is a %s, which points at bytes of no declared size", t)
	}
	return p, ""
}

// resultType is the type a lookup's result is used as: the pointer type it is converted or
// cast to, or unused when it is only tested for NULL.
func resultType(parents []*anode) (typ string, unused bool, why string) {
	i := len(parents) - 1
	for ; i >= 0; i-- {
		p := parents[i]
		if p.Kind != "ParenExpr" && p.Kind != "ImplicitCastExpr" && p.Kind != "CStyleCastExpr" {
			break
		}
		if t, ok := pointee(p.Type.QualType); ok && t != "void" {
			typ = t
		}
	}
	if typ != "" {
		if byteTypes[typ] {
			return "", false, fmt.Sprintf("its result is used as a %s *, which points at bytes of no declared size", typ)
		}
		return typ, false, ""
	}
	if i < 0 {
		return "", false, "its result is not used"
	}
	switch p := parents[i]; {
	case p.Kind == "IfStmt" || p.Kind == "WhileStmt" || p.Kind == "DoStmt" || p.Kind == "ForStmt" || p.Kind == "ConditionalOperator",
		p.Kind == "UnaryOperator" && p.Opcode == "!",
		p.Kind == "BinaryOperator" && (p.Opcode == "==" || p.Opcode == "!=" || p.Opcode == "&&" || p.Opcode == "||"):
		return "", true, ""
	case p.Kind == "VarDecl":
		return "", false, fmt.Sprintf("its result is stored in %s %s", p.Type.QualType, p.Name)
	case p.Kind == "BinaryOperator" && p.Opcode == "=":
		return "", false, "its result is assigned to a void pointer"
	case p.Kind == "CallExpr":
		return "", false, "its result is passed on as a void pointer"
	case p.Kind == "ReturnStmt":
		return "", false, "its result is returned as a void pointer"
	}
	return "", false, fmt.Sprintf("its result is used as a void pointer (%s)", parents[i].Kind)
}

// byteTypes are pointee types that say nothing about the size of what they point at.
var byteTypes = map[string]bool{
	"char": true, "signed char": true, "unsigned char": true, "__u8": true, "__s8": true,
	"u8": true, "s8": true, "uint8_t": true, "int8_t": true,
}

func isVoidPtr(t string) bool {
	p, ok := pointee(t)
	return ok && p == "void"
}

// pointee returns the unqualified type a pointer type points to ("struct x *" -> "struct x",
// "__u8 (*)[16]" -> "__u8[16]").
func pointee(t string) (string, bool) {
	t = strings.TrimSpace(t)
	if i := strings.Index(t, " (*)["); i > 0 && strings.HasSuffix(t, "]") && strings.Count(t, "(") == 1 {
		return unqualified(t[:i] + t[i+len(" (*)"):]), true
	}
	if !strings.HasSuffix(t, "*") || strings.Contains(t, "(") {
		return "", false
	}
	return unqualified(strings.TrimSpace(strings.TrimSuffix(t, "*"))), true
}

// unqualified drops const and volatile.
func unqualified(t string) string {
	var out []string
	for _, w := range strings.Fields(t) {
		if w != "const" && w != "volatile" && w != "restrict" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
