package cfront

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Options configures how clang is run.
type Options struct {
	// Clang is the clang binary; "clang" when empty.
	Clang string
	// Repo is the repository root; clang runs there.
	Repo string
	// CFlags are the user's flags (-I, -D, ...).
	CFlags []string
}

// BaseFlags are always passed to clang.
var BaseFlags = []string{"-target", "bpf", "-I/usr/include/x86_64-linux-gnu"}

func (o Options) clang() string {
	if o.Clang == "" {
		return "clang"
	}
	return o.Clang
}

// ResolveClang returns the clang binary to run: "clang" from PATH when empty, otherwise the
// given name or path. A relative path (as Bazel passes, e.g. external/x/bin/clang) is made
// absolute, because clang runs with the repository, not the caller's directory, as its
// working directory.
func ResolveClang(clang string) (string, error) {
	if clang == "" {
		clang = "clang"
	}
	if !strings.Contains(clang, "/") {
		return clang, nil
	}
	abs, err := filepath.Abs(clang)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("clang: %w", err)
	}
	return abs, nil
}

// Args returns the clang arguments for file (relative to Repo) before the mode flags.
func (o Options) Args() []string {
	a := append([]string{}, BaseFlags...)
	return append(a, o.CFlags...)
}

// ClangError is a failed clang run; Output holds clang's diagnostics.
type ClangError struct {
	File   string
	Output string
	Err    error
}

func (e *ClangError) Error() string {
	out := strings.TrimSpace(e.Output)
	if out == "" {
		return fmt.Sprintf("%s: clang failed: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s: clang failed:\n%s", e.File, out)
}

// Version returns clang's version line, part of the index cache key.
func Version(clang string) (string, error) {
	if clang == "" {
		clang = "clang"
	}
	out, err := exec.Command(clang, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("running %s --version: %w", clang, err)
	}
	line, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(line), nil
}

func run(ctx context.Context, o Options, file string, mode ...string) ([]byte, error) {
	args := append(o.Args(), mode...)
	args = append(args, file)
	cmd := exec.CommandContext(ctx, o.clang(), args...)
	cmd.Dir = o.Repo
	// clang writes its output (tens of MB of JSON for a big unit) to a
	// temporary file read back in one allocation of the right size: growing
	// a buffer from a pipe costs more than clang itself.
	out, err := os.CreateTemp("", "opened-clang-*")
	if err != nil {
		// No writable temporary directory: through a pipe.
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			return nil, &ClangError{File: file, Output: stderr.String(), Err: err}
		}
		return stdout.Bytes(), nil
	}
	defer os.Remove(out.Name())
	defer out.Close()
	var stderr bytes.Buffer
	cmd.Stdout = out
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, &ClangError{File: file, Output: stderr.String(), Err: err}
	}
	return os.ReadFile(out.Name())
}

// Parse runs clang over file (relative to o.Repo) and builds its model.
func Parse(ctx context.Context, o Options, file string) (*TU, error) {
	repo, err := filepath.Abs(o.Repo)
	if err != nil {
		return nil, err
	}
	o.Repo = repo
	if _, err := os.Stat(filepath.Join(repo, file)); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	var (
		wg            sync.WaitGroup
		astOut, ppOut []byte
		irOut         []byte
		astErr, ppErr error
		irErr         error
	)
	wg.Add(3)
	go func() {
		defer wg.Done()
		astOut, astErr = run(ctx, o, file, "-fsyntax-only", "-Xclang", "-ast-dump=json")
	}()
	go func() {
		defer wg.Done()
		ppOut, ppErr = run(ctx, o, file, "-E", "-dD")
	}()
	go func() {
		defer wg.Done()
		// -g: __builtin_preserve_field_info and friends (CO-RE) need debug info.
		irOut, irErr = run(ctx, o, file, "-S", "-emit-llvm", "-O0", "-g", "-o", "-")
	}()
	wg.Wait()
	for _, e := range []error{astErr, ppErr, irErr} {
		if e != nil {
			return nil, e
		}
	}
	root, err := parseAST(astOut)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	b := &builder{
		repo:  repo,
		files: map[string][]byte{},
		ir:    parseIR(irOut),
	}
	regions := map[string][]lineRegion{}
	b.pp = parsePP(ppOut, func(name string) []lineRegion {
		if r, ok := regions[name]; ok {
			return r
		}
		var r []lineRegion
		if rel, proj := b.rel(name); proj {
			r = lineRegions(name, b.src(rel))
		}
		regions[name] = r
		return r
	})
	return b.build(file, root)
}

type builder struct {
	repo  string
	files map[string][]byte
	pp    ppResult
	ir    irResult
	enums map[string]int64
	raw   map[string]string // repository-relative path -> clang's spelling
	// typedefRecord maps typedef names to the id of the record they name.
	typedefRecord map[string]string
	// newlines caches the offsets of the newlines of each source (keyed by
	// its first byte) for lineAt.
	newlines map[*byte][]int
}

// lineAt is the package's lineAt with the newline offsets of src indexed
// once: a unit with a big project header (vmlinux.h) has tens of thousands
// of declarations, and counting from the start of the file for each was
// quadratic.
func (b *builder) lineAt(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	if len(src) == 0 || off <= 0 {
		return 1
	}
	if b.newlines == nil {
		b.newlines = map[*byte][]int{}
	}
	nl, ok := b.newlines[&src[0]]
	if !ok {
		for i, c := range src {
			if c == '\n' {
				nl = append(nl, i)
			}
		}
		b.newlines[&src[0]] = nl
	}
	// Newlines before off.
	return sort.SearchInts(nl, off) + 1
}

// rel maps a clang file name to a repository-relative path; ok is false
// for files outside the repository (system headers).
func (b *builder) rel(name string) (string, bool) {
	if name == "" || strings.HasPrefix(name, "<") {
		return name, false
	}
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(b.repo, p)
	}
	p = filepath.Clean(p)
	r, err := filepath.Rel(b.repo, p)
	if err != nil || r == ".." || strings.HasPrefix(r, "../") {
		return p, false
	}
	return filepath.ToSlash(r), true
}

func (b *builder) src(rel string) []byte {
	if s, ok := b.files[rel]; ok {
		return s
	}
	s, _ := os.ReadFile(filepath.Join(b.repo, rel))
	b.files[rel] = s
	return s
}

// wellKnown are macros whose presence in system headers matters to the extractor.
var wellKnown = []string{"SEC", "__uint", "__type", "__array", "__always_inline", "__ulong"}

type record struct {
	fields []*jnode
}

func (b *builder) build(file string, root *jnode) (*TU, error) {
	b.raw = map[string]string{}
	b.typedefRecord = map[string]string{}
	for f := range b.pp.segs {
		if rel, proj := b.rel(f); proj {
			if _, ok := b.raw[rel]; !ok {
				b.raw[rel] = f
			}
		}
	}
	tu := &TU{File: file, Helpers: map[string]int{}, MapTypes: map[int]string{}, Types: map[string]bool{}}

	// Include graph and macros.
	for _, inc := range b.pp.includes {
		from, fromProj := b.rel(inc.From)
		to, toProj := b.rel(inc.To)
		if !fromProj {
			continue
		}
		e := Include{From: from, Line: inc.Line, To: to, System: !toProj, Seq: inc.Seq}
		if off := lineOffset(b.src(from), inc.Line); off >= 0 {
			l := b.src(from)[off:]
			if i := bytes.IndexByte(l, '\n'); i >= 0 {
				l = l[:i]
			}
			e.Spelling = strings.TrimSpace(string(l))
		}
		tu.Includes = append(tu.Includes, e)
	}
	tu.Active = map[string][]LineRange{}
	byRel := map[string][]int{}
	for f, lines := range b.pp.active {
		if rel, proj := b.rel(f); proj {
			byRel[rel] = append(byRel[rel], lines...)
		}
	}
	for rel, lines := range byRel {
		sort.Ints(lines)
		var rs []LineRange
		for _, l := range lines {
			if n := len(rs); n > 0 && l <= rs[n-1].Last+1 {
				if l > rs[n-1].Last {
					rs[n-1].Last = l
				}
				continue
			}
			rs = append(rs, LineRange{l, l})
		}
		tu.Active[rel] = rs
	}
	sysMacros := map[string]bool{}
	for _, m := range b.pp.macros {
		if m.file == "<command line>" {
			tu.Macros = append(tu.Macros, Macro{Name: m.name, File: m.file, Text: m.text, Seq: m.seq, Undef: m.undef})
			continue
		}
		rel, proj := b.rel(m.file)
		if !proj {
			if !m.undef {
				sysMacros[m.name] = true
			}
			continue
		}
		if m.undef {
			tu.Macros = append(tu.Macros, Macro{Name: m.name, File: rel, Line: m.line, EndLine: m.line, Text: m.text, Seq: m.seq, Undef: true})
			continue
		}
		text, last := defineText(b.src(rel), m.line)
		if !strings.Contains(text, m.name) {
			text = m.text
		}
		tu.Macros = append(tu.Macros, Macro{Name: m.name, File: rel, Line: m.line, EndLine: last, Text: text, Seq: m.seq})
	}
	for _, p := range b.pp.pragmas {
		if rel, proj := b.rel(p.file); proj {
			tu.Packs = append(tu.Packs, Macro{File: rel, Line: p.line, EndLine: p.line, Text: p.text, Seq: p.seq})
		}
	}
	for _, n := range wellKnown {
		if sysMacros[n] {
			tu.SystemMacros = append(tu.SystemMacros, n)
		}
	}

	// First pass over all top-level declarations: helpers, map type enum,
	// records, ids of referenceable declarations.
	records := map[string]*record{} // tag name or id -> record
	topVars := map[string]string{}  // id -> name
	b.enums = map[string]int64{}
	for _, n := range root.Inner {
		if n.Kind == "EnumDecl" {
			for k, v := range enumValues(n) {
				b.enums[k] = v
			}
		}
	}
	for _, n := range root.Inner {
		switch n.Kind {
		case "VarDecl":
			topVars[n.ID] = n.Name
			if id, ok := b.helperID(n); ok {
				tu.Helpers[n.Name] = id
			}
		case "RecordDecl":
			if n.CompleteDef {
				r := &record{}
				for _, c := range n.Inner {
					if c.Kind == "FieldDecl" {
						r.fields = append(r.fields, c)
					}
				}
				records[n.ID] = r
				if n.Name != "" {
					records[n.TagUsed+" "+n.Name] = r
				}
			}
			if n.Name != "" {
				_, proj := b.rel(expansion(n.Loc).File)
				tu.Types[n.Name] = tu.Types[n.Name] || (proj && n.CompleteDef)
			}
		case "TypedefDecl":
			// typedef struct {...} name_t: maps may be declared with name_t.
			for _, c := range n.Inner {
				if c.Decl != nil && c.Decl.Kind == "RecordDecl" {
					b.typedefRecord[n.Name] = c.Decl.ID
				}
				for _, k := range c.Inner {
					if k.Decl != nil && k.Decl.Kind == "RecordDecl" {
						b.typedefRecord[n.Name] = k.Decl.ID
					}
				}
			}
			if n.Name != "" && !n.IsImplicit {
				_, proj := b.rel(expansion(n.Loc).File)
				tu.Types[n.Name] = tu.Types[n.Name] || proj
			}
		case "EnumDecl":
			vals := enumValues(n)
			if n.Name != "" {
				_, proj := b.rel(expansion(n.Loc).File)
				tu.Types[n.Name] = tu.Types[n.Name] || proj
			}
			if n.Name == "bpf_map_type" {
				for name, v := range vals {
					tu.MapTypes[int(v)] = name
				}
			}
		}
	}

	// Second pass: project declarations.
	var lastAnon *jnode
	for _, n := range root.Inner {
		if n.Kind == "RecordDecl" && n.Name == "" {
			lastAnon = n
		}
		if n.IsImplicit {
			continue
		}
		switch n.Kind {
		case "FunctionDecl", "VarDecl", "RecordDecl", "TypedefDecl", "EnumDecl":
		default:
			continue
		}
		if n.Range == nil {
			continue
		}
		bp, ep := expansion(n.Range.Begin), expansion(n.Range.End)
		if !bp.valid || !ep.valid {
			continue
		}
		rel, proj := b.rel(bp.File)
		if !proj {
			continue
		}
		d := Decl{Kind: n.Kind, Name: n.Name, File: rel, Begin: bp.Offset, End: ep.Offset + ep.TokLen,
			StartLine: bp.Line, EndLine: ep.Line, BodyBegin: -1,
			Storage: n.StorageClass, Inline: n.Inline, Signature: n.Type}
		if n.Kind == "RecordDecl" || n.Kind == "EnumDecl" {
			d.Tag = n.TagUsed
			if n.Kind == "EnumDecl" {
				d.Tag = "enum"
			}
		}
		src := b.src(rel)
		if ep.Macro {
			d.End = skipMacroArgs(src, d.End)
		}
		switch n.Kind {
		case "FunctionDecl":
			for _, c := range n.Inner {
				if c.Kind == "CompoundStmt" {
					d.IsDefinition = true
					if c.Range != nil {
						if p := expansion(c.Range.Begin); p.valid && !p.Macro && p.File == bp.File {
							d.BodyBegin = p.Offset
						}
					}
				}
			}
			d.Extern = n.StorageClass == "extern"
		case "VarDecl":
			d.IsDefinition = n.StorageClass != "extern"
			d.Extern = n.StorageClass == "extern"
		case "RecordDecl", "EnumDecl":
			d.IsDefinition = n.CompleteDef || n.Kind == "EnumDecl"
		case "TypedefDecl":
			d.IsDefinition = true
		}
		if d.Func() || d.Kind == "VarDecl" {
			d.Section = b.ir.sections[n.Name]
		}
		for _, c := range n.Inner {
			switch c.Kind {
			case "BPFPreserveAccessIndexAttr":
				d.PreserveAccessIndex = true
			case "WeakAttr":
				d.Weak = true
			case "MaxFieldAlignmentAttr":
				d.Packed = true
			case "AsmLabelAttr":
				d.AsmLabel = true
			}
		}
		if n.Kind == "EnumDecl" {
			for _, c := range n.Inner {
				if c.Kind == "EnumConstantDecl" {
					d.EnumConsts = append(d.EnumConsts, c.Name)
				}
			}
		}
		if n.Kind == "RecordDecl" {
			// struct/enum declared inside a struct have file scope in C.
			var nested func(r *jnode)
			nested = func(r *jnode) {
				for _, c := range r.Inner {
					switch c.Kind {
					case "RecordDecl", "EnumDecl":
						if c.Name != "" {
							d.Nested = append(d.Nested, c.Name)
							tu.Types[c.Name] = true
						}
						for _, k := range c.Inner {
							if k.Kind == "EnumConstantDecl" {
								d.EnumConsts = append(d.EnumConsts, k.Name)
							}
						}
						nested(c)
					}
				}
			}
			nested(n)
		}
		w := &walker{tu: tu, topVars: topVars}
		for _, c := range n.Inner {
			w.walk(c)
		}
		d.Refs, d.HelperCalls = w.refs, w.helpers
		if d.Func() || d.Kind == "VarDecl" {
			d.TypeRefs = w.typeRefs()
		}
		if n.Kind == "VarDecl" {
			d.Map = b.mapDef(tu, n, records, lastAnon)
		}
		tu.Decls = append(tu.Decls, d)
	}
	b.finishRanges(tu)
	tu.SystemTypedefs, tu.SystemMacroUses = b.systemUses(tu)
	return tu, nil
}

// nextBegins returns, for each declaration i, the smallest Begin of a later
// declaration (j > i) in the same file with Begin >= ds[i].End, or -1. It
// walks the declarations backwards keeping, per file, the begins seen so far
// in a segment tree (a big header has tens of thousands of declarations).
func nextBegins(ds []Decl) []int {
	out := make([]int, len(ds))
	byFile := map[string][]int{}
	for i := range ds {
		byFile[ds[i].File] = append(byFile[ds[i].File], i)
	}
	for _, idx := range byFile {
		begins := make([]int, 0, len(idx))
		for _, i := range idx {
			begins = append(begins, ds[i].Begin)
		}
		sort.Ints(begins)
		n := 1
		for n < len(begins) {
			n *= 2
		}
		tree := make([]int, 2*n) // counts of inserted begins per node
		for k := len(idx) - 1; k >= 0; k-- {
			i := idx[k]
			// Smallest inserted begin >= End: first leaf at or after lo with a count.
			lo := sort.SearchInts(begins, ds[i].End)
			out[i] = -1
			if lo < len(begins) {
				if p := firstFrom(tree, n, lo); p >= 0 {
					out[i] = begins[p]
				}
			}
			p := sort.SearchInts(begins, ds[i].Begin) + n
			for ; p > 0; p /= 2 {
				tree[p]++
			}
		}
	}
	return out
}

// firstFrom returns the first leaf index >= lo whose count is non-zero in a
// segment tree of n leaves, or -1.
func firstFrom(tree []int, n, lo int) int {
	var rec func(node, l, r int) int
	rec = func(node, l, r int) int {
		if r <= lo || tree[node] == 0 {
			return -1
		}
		if r-l == 1 {
			return l
		}
		m := (l + r) / 2
		if p := rec(2*node, l, m); p >= 0 {
			return p
		}
		return rec(2*node+1, m, r)
	}
	return rec(1, 0, n)
}

// finishRanges extends declarations to their terminating ';' and merges
// declarations whose text overlaps (typedef struct {...} t; struct s {...} v;).
func (b *builder) finishRanges(tu *TU) {
	ds := tu.Decls
	// next begin in the same file, to bound the ';' scan.
	limits := nextBegins(ds)
	for i := range ds {
		d := &ds[i]
		limit := limits[i]
		src := b.src(d.File)
		if limit < 0 || limit > len(src) {
			limit = len(src)
		}
		if !(d.Func() && d.IsDefinition) {
			if e := scanSemi(src, d.End, limit); e > 0 {
				d.End = e
			}
		}
		d.EndLine = b.lineAt(src, d.End-1)
	}
	// Merge overlapping ranges (adjacent in unit order).
	for i := 1; i < len(ds); i++ {
		a, c := &ds[i-1], &ds[i]
		if a.File == c.File && c.Begin < a.End && c.End > a.Begin {
			lo, hi := a.Begin, a.End
			if c.Begin < lo {
				lo = c.Begin
			}
			if c.End > hi {
				hi = c.End
			}
			// Apply to the whole group sharing a's range.
			for k := i - 1; k >= 0 && ds[k].File == a.File && ds[k].Begin == a.Begin && ds[k].End == a.End; k-- {
				if k != i-1 {
					ds[k].Begin, ds[k].End = lo, hi
				}
			}
			a.Begin, a.End, c.Begin, c.End = lo, hi, lo, hi
		}
	}
	last, lastIncl := 0, 0
	for i := range ds {
		src := b.src(ds[i].File)
		ds[i].StartLine = b.lineAt(src, ds[i].Begin)
		ds[i].EndLine = b.lineAt(src, ds[i].End-1)
		// Declarations come in stream order: take the occurrence of the
		// line at or after the previous declaration's.
		raw := b.raw[ds[i].File]
		if i > 0 && ds[i-1].File == ds[i].File && ds[i-1].Begin == ds[i].Begin && ds[i-1].Kind == ds[i].Kind {
			// Same text and kind again: the next inclusion of a header
			// without include guard (a template) if the stream has one,
			// else the same place (a macro defining two functions).
			p, incl := b.pp.seq(raw, ds[i].StartLine, last+1, lastIncl)
			if p > last && incl != lastIncl {
				ds[i].Seq, lastIncl = p, incl
			} else {
				ds[i].Seq = ds[i-1].Seq
			}
		} else {
			ds[i].Seq, lastIncl = b.pp.seq(raw, ds[i].StartLine, last, 0)
		}
		if ds[i].Seq > last {
			last = ds[i].Seq
		}
	}
}

// skipMacroArgs moves past "(...)" following a macro name ending at off.
func skipMacroArgs(src []byte, off int) int {
	i := off
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i >= len(src) || src[i] != '(' {
		return off
	}
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"', '\'':
			i = skipQuoted(src, i)
		}
	}
	return off
}

func skipQuoted(src []byte, i int) int {
	q := src[i]
	for i++; i < len(src); i++ {
		if src[i] == '\\' {
			i++
			continue
		}
		if src[i] == q {
			return i
		}
	}
	return i
}

// scanSemi returns the offset just past the first ';' at nesting depth 0
// in src[from:limit], skipping strings and comments, or -1.
func scanSemi(src []byte, from, limit int) int {
	depth := 0
	for i := from; i < limit; i++ {
		switch c := src[i]; c {
		case '(', '{', '[':
			depth++
		case ')', '}', ']':
			depth--
		case '"', '\'':
			i = skipQuoted(src, i)
		case '/':
			if i+1 < limit && src[i+1] == '/' {
				for i < limit && src[i] != '\n' {
					i++
				}
			} else if i+1 < limit && src[i+1] == '*' {
				if e := bytes.Index(src[i+2:limit], []byte("*/")); e >= 0 {
					i += e + 3
				} else {
					i = limit
				}
			}
		case ';':
			if depth <= 0 {
				return i + 1
			}
		}
	}
	return -1
}

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
	topVars map[string]string
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
	if n.Range != nil {
		if p := expansion(n.Range.Begin); p.valid {
			return p.Line
		}
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

// mapDef recognises a map definition in a top-level VarDecl.
func (b *builder) mapDef(tu *TU, n *jnode, records map[string]*record, lastAnon *jnode) *MapDef {
	sec := b.ir.sections[n.Name]
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
			r = records[lastAnon.ID]
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

// SortedHelpers returns helper names sorted, for deterministic output.
func (tu *TU) SortedHelpers() []string {
	var s []string
	for k := range tu.Helpers {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}

// sysIdents caches the identifiers of system headers by path, size and mtime.
var sysIdents sync.Map

func identsOf(path string) map[string]bool {
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	key := fmt.Sprintf("%s\x00%d\x00%d", path, st.Size(), st.ModTime().UnixNano())
	if v, ok := sysIdents.Load(key); ok {
		return v.(map[string]bool)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	ids := map[string]bool{}
	for _, id := range Identifiers(string(src)) {
		ids[id] = true
	}
	sysIdents.Store(key, ids)
	return ids
}

// systemUses lists project typedef and macro names that system headers use
// (a project vmlinux.h provides __u32 to <bpf/bpf_helpers.h>; a project
// macro configures a system header it includes afterwards).
func (b *builder) systemUses(tu *TU) (typedefs, macros []string) {
	return b.systemNames(tu, func(names map[string]bool) {
			for _, d := range tu.Decls {
				if d.Kind == "TypedefDecl" {
					names[d.Name] = true
				}
			}
		}), b.systemNames(tu, func(names map[string]bool) {
			for _, m := range tu.Macros {
				if !m.Undef && m.File != "<command line>" {
					names[m.Name] = true
				}
			}
		})
}

func (b *builder) systemNames(tu *TU, fill func(map[string]bool)) []string {
	typedefs := map[string]bool{}
	fill(typedefs)
	if len(typedefs) == 0 {
		return nil
	}
	seen := map[string]bool{}
	used := map[string]bool{}
	for _, inc := range b.pp.includes {
		if _, proj := b.rel(inc.To); proj || seen[inc.To] {
			continue
		}
		seen[inc.To] = true
		p := inc.To
		if !filepath.IsAbs(p) {
			p = filepath.Join(b.repo, p)
		}
		for id := range identsOf(p) {
			if typedefs[id] {
				used[id] = true
			}
		}
	}
	var out []string
	for id := range used {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// anonName rewrites clang's "struct (unnamed struct at FILE:L:C)" as
// "anonymous struct at FILE:L" with FILE relative to the repository.
func (b *builder) anonName(t string) string {
	i := strings.Index(t, "(unnamed ")
	if i < 0 || !strings.HasSuffix(t, ")") {
		return t
	}
	at := strings.Index(t[i:], " at ")
	if at < 0 {
		return t
	}
	loc := t[i+at+4 : len(t)-1]
	kind := strings.TrimSpace(t[:i])
	parts := strings.Split(loc, ":")
	if len(parts) < 3 {
		return t
	}
	file := strings.Join(parts[:len(parts)-2], ":")
	if rel, ok := b.rel(file); ok {
		file = rel
	}
	return fmt.Sprintf("anonymous %s at %s:%s", kind, file, parts[len(parts)-2])
}
