package transform

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cilium/ebpf"

	"github.com/opened-ebpf/opened/tools/hook"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// Targets maps the --to names to the section the ported entry gets.
var Targets = map[string]string{
	"tc-ingress": "tcx/ingress",
	"tc-egress":  "tcx/egress",
	"xdp":        "xdp",
}

// Options configures a transform.
type Options struct {
	// Unit is the unit directory to port (tools/mcu format).
	Unit string
	// To is tc-ingress, tc-egress or xdp.
	To string
	// Chained maps XDP_PASS to "next program" (TC_ACT_UNSPEC, tcx next) instead of TC_ACT_OK.
	Chained bool
	// Out is the directory to write (atomically; nothing on error).
	Out string
	// Clang is the clang binary ("clang" from PATH when empty).
	Clang string
	// CFlags are extra flags for compiling mcu.c (include directories outside the unit). They
	// come after the repository include directories the unit records (mcu.Unit.CompileFlags).
	CFlags []string
	// Protect lists directories Out must not replace or lie inside.
	Protect []string
}

// Result is a ported unit and what changed.
type Result struct {
	Unit    *mcu.Unit
	Changes *Changes
}

// UsageError is bad input: not a unit, unknown hook, nothing to port.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Run reads the unit, ports it, compiles mcu.o and writes Out.
func Run(ctx context.Context, o Options) (*Result, error) {
	if _, ok := Targets[o.To]; !ok {
		return nil, &UsageError{Msg: fmt.Sprintf("--to %q: unknown hook; use tc-ingress, tc-egress or xdp", o.To)}
	}
	u, err := mcu.Read(o.Unit)
	if err != nil {
		return nil, err
	}
	clang, err := cfront.ResolveClang(o.Clang)
	if err != nil {
		return nil, err
	}
	// A unit whose system headers open repository headers by name is compiled with the
	// repository include directories its extraction kept (functions.json include_dirs).
	unitFlags, err := u.CompileFlags()
	if err != nil {
		return nil, err
	}
	flags := append(append([]string{}, unitFlags...), o.CFlags...)
	ast, err := cfront.ParseAST(ctx, cfront.Options{Clang: clang, Repo: o.Unit, CFlags: flags}, mcu.SourceFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(o.Unit, mcu.SourceFile), err)
	}
	var ctxDecl string
	if own, defined := ownsUAPI(ast); own {
		want := map[string]string{"xdp": "xdp_md"}[o.To]
		if want == "" {
			want = "__sk_buff"
		}
		if ctxDecl, err = uapiPrelude(ctx, clang, o.CFlags, ast, want, defined[want]); err != nil {
			return nil, err
		}
	}
	res, err := port(u, ast, o.To, o.Chained, "", ctxDecl)
	if err != nil {
		return nil, err
	}
	obj, err := compile(ctx, clang, flags, res.Unit.Source)
	if err != nil {
		return nil, err
	}
	res.Unit.Object = obj
	if o.Out != "" {
		if err := mcu.Write(o.Out, res.Unit, o.Protect...); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// compile builds mcu.o from the ported source in a temporary directory (the object holds
// no path of it: the compilation directory is ".").
func compile(ctx context.Context, clang string, flags []string, src []byte) ([]byte, error) {
	dir, err := os.MkdirTemp("", "opened-transform-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, mcu.SourceFile), src, 0o644); err != nil {
		return nil, err
	}
	if err := cfront.Compile(ctx, clang, dir, flags, mcu.SourceFile, mcu.ObjectFile); err != nil {
		return nil, fmt.Errorf("the ported mcu.c does not compile (a bug in opened transform; please report it with the unit): %w", err)
	}
	return os.ReadFile(filepath.Join(dir, mcu.ObjectFile))
}

// Port rewrites a unit for the hook named by to, from clang's AST of its mcu.c. It does no
// I/O: the result's Object is nil.
func Port(u *mcu.Unit, ast *cfront.AST, to string, chained bool) (*Result, error) {
	return port(u, ast, to, chained, "", "")
}

// port runs every rule of the direction, or only the rule named only (tests of one rule).
// ctxDecl, when set, is the target's context struct for a unit whose own UAPI copy lacks it.
func port(u *mcu.Unit, ast *cfront.AST, to string, chained bool, only, ctxDecl string) (*Result, error) {
	sec, ok := Targets[to]
	if !ok {
		return nil, &UsageError{Msg: fmt.Sprintf("--to %q: unknown hook; use tc-ingress, tc-egress or xdp", to)}
	}
	from, err := hook.ForSection(u.Functions.Section)
	if err != nil {
		return nil, &UsageError{Msg: fmt.Sprintf("%s: %v", mcu.FunctionsFile, err)}
	}
	target, _ := hook.ForSection(sec)
	p := &pass{ctxDecl: ctxDecl, u: u, ast: ast, src: string(u.Source), from: from, fromSec: u.Functions.Section, to: target, toSec: sec, toName: to, chained: chained}
	p.lines = newLineIndex(p.src)
	switch {
	case from.ProgramType == ebpf.XDP && target.ProgramType == ebpf.SchedCLS:
		if from.AttachType != ebpf.AttachXDP {
			return nil, &UsageError{Msg: fmt.Sprintf("%s: section %q runs from a %s entry; only xdp and xdp.frags programs move to tc", mcu.FunctionsFile, u.Functions.Section, strings.TrimPrefix(from.AttachType.String(), "AttachXDP"))}
		}
		p.rules = xdpToTC
	case from.ProgramType == ebpf.SchedCLS && target.ProgramType == ebpf.XDP:
		p.rules = tcToXDP
	case from.ProgramType == target.ProgramType:
		return nil, &UsageError{Msg: fmt.Sprintf("%s: %s is already a %s program (section %q); nothing to port", mcu.FunctionsFile, u.Functions.Entry, from.ProgramType, u.Functions.Section)}
	default:
		return nil, &UsageError{Msg: fmt.Sprintf("%s: section %q (%s): opened transform moves XDP and tc (SchedCLS) programs only", mcu.FunctionsFile, u.Functions.Section, from.ProgramType)}
	}
	for _, r := range p.rules {
		if only != "" && r.Name != only {
			continue
		}
		p.rule = r.Name
		r.Run(p)
	}
	if len(p.blockers) > 0 {
		return nil, &InfeasibleError{Entry: u.Functions.Entry, From: u.Functions.Section, To: sec, Blockers: sortBlockers(p.blockers)}
	}
	return p.finish()
}

// pass is the state the rules share: the unit, its AST and the edits and blockers so far.
type pass struct {
	u        *mcu.Unit
	ast      *cfront.AST
	src      string
	lines    *lineIndex
	from, to hook.Hook
	fromSec  string
	toSec    string
	toName   string
	chained  bool
	rules    []Rule
	rule     string
	edits    []Edit
	blockers []Blocker
	// ctxDecl is inserted with the shim (see uapi.go).
	ctxDecl string
	// wrapped records the programs the entry-wrapper rule renamed: name -> inner name.
	wrapped map[string]string
	// wrappers are the inserted program functions by name (offset of insertion).
	wrappers map[string]int
}

// Rule is one named rewrite over clang's AST of mcu.c.
type Rule struct {
	Name string
	Doc  string
	Run  func(p *pass)
}

func (p *pass) edit(start, end int, text, note string) {
	p.edits = append(p.edits, Edit{Rule: p.rule, Start: start, End: end, New: text, Note: note})
}

// origin maps an mcu.c line to the repository file and line through functions.json.
func (p *pass) origin(line int) (string, int) {
	for _, f := range p.u.Functions.Functions {
		if line >= f.MCUStartLine && line <= f.MCUEndLine {
			return f.File, f.StartLine + line - f.MCUStartLine
		}
	}
	return mcu.SourceFile, line
}

func (p *pass) block(off int, construct, reason string) {
	f, l := p.origin(p.lines.line(off))
	p.blockers = append(p.blockers, Blocker{File: f, Line: l, Construct: construct, Reason: reason})
}

// text returns the source text of a node, or "".
func (p *pass) text(n *cfront.Node) string {
	if s, e, ok := p.extent(n); ok {
		return p.src[s:e]
	}
	return ""
}

// extent is a node's range in mcu.c, when the node is written there.
func (p *pass) extent(n *cfront.Node) (int, int, bool) {
	s, e, ok := n.Extent()
	if !ok || n.Begin.File != p.ast.File || e > len(p.src) || s > e {
		return 0, 0, false
	}
	return s, e, true
}

// token returns the [start, end) of the token at a location: its spelling when the token is
// written in mcu.c (also inside a macro of mcu.c), else nothing.
func (p *pass) token(pos cfront.Pos) (int, int, bool) {
	if !pos.Valid {
		return 0, 0, false
	}
	if !pos.Macro && pos.File == p.ast.File {
		return pos.Offset, pos.Offset + pos.TokLen, true
	}
	if pos.SpellFile == p.ast.File && pos.SpellTokLen > 0 && pos.SpellOffset+pos.SpellTokLen <= len(p.src) {
		return pos.SpellOffset, pos.SpellOffset + pos.SpellTokLen, true
	}
	return 0, 0, false
}

// walk visits every node of the unit's declarations with its parent.
func (p *pass) walk(fn func(n, parent *cfront.Node)) {
	var visit func(n, parent *cfront.Node)
	visit = func(n, parent *cfront.Node) {
		fn(n, parent)
		for _, c := range n.Inner {
			visit(c, n)
		}
	}
	for _, d := range p.ast.Decls {
		visit(d, nil)
	}
}

// helperCall returns the helper a CallExpr calls (by its ID) and the callee node.
func (p *pass) helperCall(n *cfront.Node) (int, *cfront.Node, bool) {
	if n.Kind != "CallExpr" || len(n.Inner) == 0 {
		return 0, nil, false
	}
	callee := n.Inner[0].Unwrap()
	if callee.Kind != "DeclRefExpr" || callee.Ref == nil || callee.Ref.Kind != "VarDecl" {
		return 0, nil, false
	}
	id, ok := p.ast.Helpers[callee.Ref.Name]
	return id, callee, ok
}
