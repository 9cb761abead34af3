package cfront

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

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
		astOut        *output
		ppOut         []byte
		irOut         []byte
		astErr, ppErr error
		irErr         error
	)
	// Two clang runs side by side, the AST and the preprocessor stream; a third, the IR, only
	// for a unit whose stream declares legacy or iproute2 maps (needsIR), started as soon as
	// the (quicker) preprocessor run tells. Each clang run costs about 0.1 s of start-up
	// alone, as much as compiling a small BPF file, so a cold extraction is counted in runs.
	wg.Add(1)
	go func() {
		defer wg.Done()
		astOut, astErr = runOutput(ctx, o, file, "-fsyntax-only", "-Xclang", "-ast-dump=json")
	}()
	// A unit whose own text declares such maps starts its IR at once, beside the other two
	// (its result is used only if the stream agrees); otherwise the stream decides.
	early := startIR(ctx, o, file, predictIR(filepath.Join(repo, file)))
	ppOut, ppErr = run(ctx, o, file, "-E", "-dD")
	if ppErr == nil && needsIR(ppOut) {
		irOut, irErr = early.wait(ctx, o, file)
	} else {
		early.discard()
	}
	wg.Wait()
	if astOut != nil {
		defer astOut.close()
	}
	for _, e := range []error{astErr, ppErr, irErr} {
		if e != nil {
			return nil, e
		}
	}
	// The JSON AST is mapped and streamed one top-level declaration at a
	// time, its pages dropped behind the parser: a unit with a big
	// vmlinux.h writes hundreds of MB of it.
	data, release, unmap, err := astOut.mapped()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	defer unmap()
	return buildTU(repo, file, data, release, ppOut, irOut)
}

// irRun is an IR run started before the preprocessor stream tells whether the unit needs it.
type irRun struct {
	done chan struct{}
	out  []byte
	err  error
}

// irArgs are the IR run's mode flags. -g: __builtin_preserve_field_info and friends (CO-RE)
// need debug info.
var irArgs = []string{"-S", "-emit-llvm", "-O0", "-g", "-o", "-"}

// startIR starts file's IR run when start is set; nil otherwise.
func startIR(ctx context.Context, o Options, file string, start bool) *irRun {
	if !start {
		return nil
	}
	r := &irRun{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		r.out, r.err = run(ctx, o, file, irArgs...)
	}()
	return r
}

// wait returns the IR, from the early run when there is one, else from a run now.
func (r *irRun) wait(ctx context.Context, o Options, file string) ([]byte, error) {
	if r == nil {
		return run(ctx, o, file, irArgs...)
	}
	<-r.done
	return r.out, r.err
}

// discard lets an early run finish unused (it is not killed: clang's temporary files
// are removed by run either way).
func (r *irRun) discard() {
	if r != nil {
		<-r.done
	}
}

// predictIR reports whether the unit's own text (path) declares maps that need the IR
// (needsIR's test on the source lines, plus a SEC("maps") attribute before expansion).
func predictIR(path string) bool {
	src, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	return needsIR(src) || bytes.Contains(src, []byte(`SEC("maps")`)) || bytes.Contains(src, []byte(`SEC("maps/`))
}

// buildTU builds the model of file from clang's three outputs: the JSON
// AST (release, when set, is told which part of it was consumed), the -E
// -dD output and the IR.
func buildTU(repo, file string, ast []byte, release func(int), ppOut, irOut []byte) (*TU, error) {
	tu, _, err := buildTUAt(repo, file, ast, release, ppOut, irOut)
	return tu, err
}

// buildTUAt is buildTU for the JSON document at the start of ast, which other documents may
// follow (ParseUnits); it also returns where the document ends.
func buildTUAt(repo, file string, ast []byte, release func(int), ppOut, irOut []byte) (*TU, int, error) {
	b := &builder{
		repo:  repo,
		files: map[string][]byte{},
		ir:    parseIR(irOut),
	}
	b.ppLines = ppLines(ppOut)
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
	p := newParser(ast, release)
	tu, err := b.build(file, p.stream)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", file, err)
	}
	tu.Compiler = ppVersion(ppOut)
	b.redeclSections(tu)
	return tu, p.i, nil
}

// declStream calls its argument with each top-level declaration of a unit, in order.
type declStream func(func(*jnode) error) error

type builder struct {
	repo  string
	files map[string][]byte
	pp    ppResult
	ir    irResult
	// ppLines are the preprocessor stream's lines that may hold a section attribute, and
	// sections the sections found there by declaration id (section.go).
	ppLines     map[int]string
	sections    map[uint64]string
	attrOffsets map[string][]int // offsets of the section attributes seen per line (file:line)
	enums       map[string]int64
	raw         map[string]string // repository-relative path -> clang's spelling
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

// record is a complete struct or union: its fields' names and types.
type record struct {
	fields []field
}

type field struct{ Name, Type string }

func (b *builder) build(file string, decls declStream) (*TU, error) {
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

	// One pass over the top-level declarations as the parser streams them.
	// Each first records what later declarations need (enum values,
	// helpers, records, ids of top-level variables: C declares before use),
	// then, in a project file, becomes a Decl. Map definitions wait for the
	// end: a tentative definition may name a struct completed later.
	records := map[string]*record{} // tag name or idKey(id) -> record
	topVars := map[uint64]string{}  // id -> name
	b.enums = map[string]int64{}
	type pendingVar struct {
		decl     int
		n        *jnode
		lastAnon *jnode
	}
	var vars []pendingVar
	var lastAnon *jnode
	err := decls(func(n *jnode) error {
		b.declare(tu, n, records, topVars)
		if n.Kind == "RecordDecl" && n.Name == "" {
			lastAnon = n
		}
		d, ok := b.decl(tu, n, topVars)
		if !ok {
			return nil
		}
		if n.Kind == "VarDecl" {
			vars = append(vars, pendingVar{len(tu.Decls), n, lastAnon})
		}
		tu.Decls = append(tu.Decls, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, v := range vars {
		tu.Decls[v.decl].Map = b.mapDef(tu, v.n, records, v.lastAnon)
	}
	b.finishRanges(tu)
	tu.SystemTypedefs, tu.SystemMacroUses = b.systemUses(tu)
	return tu, nil
}

// declare records what a top-level declaration gives later ones: enum
// values, helper ids, records and their fields, typedefs of records, ids of
// variables, named types and map type names.
func (b *builder) declare(tu *TU, n *jnode, records map[string]*record, topVars map[uint64]string) {
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
					r.fields = append(r.fields, field{Name: c.Name, Type: c.Type})
				}
			}
			records[idKey(n.ID)] = r
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
				b.typedefRecord[n.Name] = idKey(c.Decl.ID)
			}
			for _, k := range c.Inner {
				if k.Decl != nil && k.Decl.Kind == "RecordDecl" {
					b.typedefRecord[n.Name] = idKey(k.Decl.ID)
				}
			}
		}
		if n.Name != "" && !n.IsImplicit {
			_, proj := b.rel(expansion(n.Loc).File)
			tu.Types[n.Name] = tu.Types[n.Name] || proj
		}
	case "EnumDecl":
		vals := enumValues(n)
		for k, v := range vals {
			b.enums[k] = v
		}
		if n.Name != "" {
			_, proj := b.rel(expansion(n.Loc).File)
			tu.Types[n.Name] = tu.Types[n.Name] || proj
		}
		if n.Name == "bpf_map_type" {
			// In declaration order: of two names of one value (a
			// deprecated alias), the later one wins, every run.
			for _, c := range n.Inner {
				if c.Kind == "EnumConstantDecl" {
					tu.MapTypes[int(vals[c.Name])] = c.Name
				}
			}
		}
	}
}

// decl returns the Decl of a top-level declaration written in a project
// file (Map is left to build), and false for any other.
func (b *builder) decl(tu *TU, n *jnode, topVars map[uint64]string) (Decl, bool) {
	if n.IsImplicit {
		return Decl{}, false
	}
	switch n.Kind {
	case "FunctionDecl", "VarDecl", "RecordDecl", "TypedefDecl", "EnumDecl":
	default:
		return Decl{}, false
	}
	bp, ep := expansion(n.Range.Begin), expansion(n.Range.End)
	if !bp.valid || !ep.valid {
		return Decl{}, false
	}
	rel, proj := b.rel(bp.File)
	if !proj {
		return Decl{}, false
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
				if p := expansion(c.Range.Begin); p.valid && !p.Macro && p.File == bp.File {
					d.BodyBegin = p.Offset
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
		d.Section = b.section(n)
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
	return d, true
}
