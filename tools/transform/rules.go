package transform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cilium/ebpf/asm"

	"github.com/opened-ebpf/opened/tools/hook"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// contextType rewrites every written `struct FROM` (the context type) to `struct TO`. The AST
// names the declarations, casts and sizeof expressions whose type involves the context; the
// tokens inside their ranges locate the spelling.
func contextType(from, to string) func(p *pass) {
	return func(p *pass) {
		p.walk(func(n, _ *cfront.Node) {
			switch n.Kind {
			case "ParmVarDecl", "VarDecl", "FieldDecl", "TypedefDecl", "CStyleCastExpr", "UnaryExprOrTypeTraitExpr":
			default:
				return
			}
			if !strings.Contains(n.Type, "struct "+from) && !strings.Contains(n.Type, from) && n.Kind != "UnaryExprOrTypeTraitExpr" {
				return
			}
			s, e, ok := p.extent(n)
			if !ok {
				return
			}
			prev := cfront.Token{}
			cfront.Scan(p.src[s:e], func(t cfront.Token) {
				if t.Kind == cfront.Ident && t.Text == from && prev.Text == "struct" && prev.Kind == cfront.Ident {
					p.edit(s+prev.Offset, s+t.End(), "struct "+to, "the context of the target hook")
				}
				prev = t
			})
		})
	}
}

// memberOf returns the member name of a context access base->name, when base points to the
// context struct ctx.
func memberOf(n *cfront.Node, ctx string) (string, bool) {
	if n.Kind != "MemberExpr" || len(n.Inner) == 0 {
		return "", false
	}
	bt := n.Inner[0].Type
	if !strings.Contains(bt, "struct "+ctx) && !strings.Contains(bt, "struct __sk_buff") && !strings.Contains(bt, "struct xdp_md") {
		return "", false
	}
	if !strings.Contains(bt, "struct "+ctx) {
		return "", false
	}
	return n.Name, true
}

// isWrite reports whether n is assigned to (the left side of =, op=, ++, --).
func isWrite(n, parent *cfront.Node) bool {
	if parent == nil {
		return false
	}
	switch parent.Kind {
	case "BinaryOperator", "CompoundAssignOperator":
		return (parent.Opcode == "=" || parent.Kind == "CompoundAssignOperator") && len(parent.Inner) > 0 && parent.Inner[0] == n
	case "UnaryOperator":
		return parent.Opcode == "++" || parent.Opcode == "--"
	}
	return false
}

// helperShims rewrites calls of helpers the target lacks to the shims of the target's header,
// and blocks helpers that neither the target has nor a shim provides.
func helperShims(shims map[asm.BuiltinFunc]string, blockers map[asm.BuiltinFunc]func(p *pass, call *cfront.Node) string) func(p *pass) {
	return func(p *pass) {
		p.walk(func(n, _ *cfront.Node) {
			id, callee, ok := p.helperCall(n)
			if !ok {
				return
			}
			fn := asm.BuiltinFunc(id)
			name := callee.Ref.Name
			if shim, ok := shims[fn]; ok {
				s, e, ok := p.token(callee.Begin)
				if !ok {
					cs, _, _ := p.extent(n)
					p.block(cs, name, "the call is spelled in a system header's macro; opened transform can only rewrite text of the unit")
					return
				}
				p.edit(s, e, shim, fmt.Sprintf("%s through the exact shim %s", hook.HelperName(fn), shim))
				return
			}
			if why, ok := blockers[fn]; ok {
				s, _, _ := p.extent(n)
				p.block(s, name, why(p, n))
				return
			}
			if allowed, _ := hook.HelperAllowed(p.to.ProgramType, fn); !allowed {
				s, _, _ := p.extent(n)
				p.block(s, name, fmt.Sprintf("helper %s is not available to %s programs (tools/hook helper table) and has no shim", hook.HelperName(fn), p.to.ProgramType))
			}
		})
	}
}

// mapArg names the map a helper call passes as its first argument, with its maps.json type.
func (p *pass) mapArg(call *cfront.Node) (string, string) {
	if len(call.Inner) < 2 {
		return "", ""
	}
	var name string
	call.Inner[1].Walk(func(n *cfront.Node) bool {
		if n.Kind == "DeclRefExpr" && n.Ref != nil && n.Ref.Kind == "VarDecl" && name == "" {
			name = n.Ref.Name
		}
		return name == ""
	})
	for _, m := range p.u.Maps.Maps {
		if m.Name == name {
			return name, m.Type
		}
	}
	return name, ""
}

// verdictCase is one case of the wrapper's verdict switch.
type verdictCase struct {
	from hook.Return
	to   string // C expression returned
}

// entryWrapper keeps each program of the source hook as an always-inline function NAME__SUFFIX
// (its section removed, its context type already rewritten) and adds the program NAME at the
// target hook: it runs the prologue, calls the original, runs the epilogue and maps the
// verdict through the hook table's actions.
func entryWrapper(suffix, ctxType, prologue, epilogue string, verdict func(p *pass) ([]verdictCase, string)) func(p *pass) {
	return func(p *pass) {
		progs := map[string]bool{}
		for _, f := range p.u.Functions.Functions {
			if f.Section == "" {
				continue
			}
			if h, err := hook.ForSection(f.Section); err == nil && h.ProgramType == p.from.ProgramType {
				progs[f.Name] = true
			}
		}
		p.wrapped = map[string]string{}
		for _, d := range p.ast.Decls {
			if d.Kind != "FunctionDecl" || !progs[d.Name] || !hasBody(d) {
				continue
			}
			s, e, ok := p.extent(d)
			nameS, nameE, okName := p.token(d.Loc)
			if !ok || !okName || d.Loc.Macro {
				p.block(s, d.Name, "the program's definition is written through a macro; opened transform can only rewrite text of the unit")
				continue
			}
			start, secEnd := s, -1
			for _, a := range d.Inner {
				if a.Kind != "SectionAttr" {
					continue
				}
				as, ae, ok := p.attrExtent(a)
				if !ok {
					p.block(s, d.Name, "the program's section attribute is not written in the unit")
					continue
				}
				p.edit(as, ae, "", "the section moves to the ported program")
				if as <= start {
					start, secEnd = as, ae
				}
			}
			prefix := "static inline __attribute__((always_inline)) "
			if d.StorageClass == "static" {
				prefix = "inline __attribute__((always_inline)) "
			}
			if secEnd >= 0 && secEnd < len(p.src) && p.src[secEnd] == '\n' {
				prefix = strings.TrimSuffix(prefix, " ") // SEC(...) stood alone on its line
			}
			p.edit(start, start, prefix, "the original program becomes an always-inline function of the ported one")
			inner := d.Name + suffix
			p.edit(nameS, nameE, inner, "")
			p.wrapped[d.Name] = inner
			cases, def := verdict(p)
			var b strings.Builder
			fmt.Fprintf(&b, "\n\n/* %s at %s (opened transform): runs %s, the original %s program above, and maps its verdict. */\n", d.Name, p.toSec, inner, p.fromSec)
			storage := ""
			if d.StorageClass == "static" {
				storage = "static " // as the original, so that its prototypes still match
			}
			fmt.Fprintf(&b, "__attribute__((section(%q), used))\n%sint %s(%s *opened_ctx)\n{\n\tint opened_verdict;\n\n", p.toSec, storage, d.Name, ctxType)
			if prologue != "" {
				fmt.Fprintf(&b, "\t%s(opened_ctx);\n", prologue)
			}
			fmt.Fprintf(&b, "\topened_verdict = %s(opened_ctx);\n", inner)
			if epilogue != "" {
				fmt.Fprintf(&b, "\t%s(opened_ctx);\n", epilogue)
			}
			b.WriteString("\tswitch (opened_verdict) {\n")
			for _, c := range cases {
				fmt.Fprintf(&b, "\tcase %d: /* %s: %s */\n\t\treturn %s;\n", c.from.Value, c.from.Name, c.from.Action, c.to)
			}
			fmt.Fprintf(&b, "\tdefault: /* %s */\n\t\treturn %s;\n\t}\n}", p.from.Otherwise, def)
			p.edits = append(p.edits, Edit{Rule: p.rule, Start: e, End: e, New: b.String(),
				Note: "the ported program", Summary: fmt.Sprintf("int %s(%s *) in section %q, verdicts mapped", d.Name, ctxType, p.toSec)})
		}
		if len(p.wrapped) == 0 && len(p.blockers) == 0 {
			p.block(0, p.u.Functions.Entry, "no program of section "+p.fromSec+" found in mcu.c")
		}
	}
}

func hasBody(d *cfront.Node) bool {
	for _, c := range d.Inner {
		if c.Kind == "CompoundStmt" {
			return true
		}
	}
	return false
}

// attrExtent is the text of an attribute: a macro invocation (SEC("xdp"), __section("tc"),
// __section_cls_entry) with its balanced parentheses, or the attribute itself inside
// __attribute__((...)).
func (p *pass) attrExtent(a *cfront.Node) (int, int, bool) {
	if !a.Begin.Valid || a.Begin.File != p.ast.File {
		return 0, 0, false
	}
	s := a.Begin.Offset
	end := s
	depth := 0
	done := false
	first := true
	cfront.Scan(p.src[s:min(len(p.src), s+512)], func(t cfront.Token) {
		if done {
			return
		}
		switch {
		case first:
			first = false
			end = s + t.End()
			if t.Kind != cfront.Ident {
				done = true
			}
			return
		case t.Text == "(":
			depth++
		case t.Text == ")":
			depth--
			if depth == 0 {
				end = s + t.End()
				done = true
				return
			}
		case depth == 0:
			done = true
			return
		}
	})
	if end > s && !a.Begin.Macro {
		// Inside __attribute__((a, section("x"), b)): take one neighbouring comma too.
		i := end
		for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t') {
			i++
		}
		if i < len(p.src) && p.src[i] == ',' {
			end = i + 1
			for end < len(p.src) && (p.src[end] == ' ' || p.src[end] == '\t') {
				end++
			}
		} else {
			j := s
			for j > 0 && (p.src[j-1] == ' ' || p.src[j-1] == '\t') {
				j--
			}
			if j > 0 && p.src[j-1] == ',' {
				s = j - 1
			}
		}
	}
	return s, end, end > s
}

// shimHeader inserts the target's shim header before the first function of mcu.c (after the
// unit's types and maps), at the start of that function's provenance comment.
func shimHeader(name, text string) func(p *pass) {
	return func(p *pass) {
		off := -1
		for _, d := range p.ast.Decls {
			if d.Kind != "FunctionDecl" {
				continue
			}
			if s, _, ok := p.extent(d); ok && (off < 0 || s < off) {
				off = s
			}
		}
		if off < 0 {
			off = len(p.src)
		}
		if own, _ := ownsUAPI(p.ast); own {
			// After the unit's own copy of the context structs (a preprocessed or vendored
			// bpf.h may come after inline functions of other headers).
			for _, d := range p.ast.Decls {
				if d.Kind == "RecordDecl" && (d.Name == "__sk_buff" || d.Name == "xdp_md") && len(d.Inner) > 0 {
					if _, e, ok := p.extent(d); ok && e > off {
						off = p.lines.start(p.lines.line(e) + 1)
					}
				}
			}
		}
		// Before SEC(...) and the /* file:lines */ comment of that function.
		line := p.lines.line(off)
		for line > 1 {
			prev := strings.TrimSpace(p.src[p.lines.start(line-1):p.lines.start(line)])
			if strings.HasPrefix(prev, "/*") && strings.HasSuffix(prev, "*/") || strings.HasPrefix(prev, "SEC(") || strings.HasPrefix(prev, "__section") {
				line--
				continue
			}
			break
		}
		at := p.lines.start(line)
		block := shimBlock(name, text)
		if own, _ := ownsUAPI(p.ast); own {
			// mcu.c holds its own copy of the UAPI types: the shim must not include them again;
			// the target's context struct comes from the system header when the copy lacks it.
			block = "#define OPENED_SHIM_HAVE_UAPI 1\n" + p.ctxDecl + block
		}
		p.edits = append(p.edits, Edit{Rule: p.rule, Start: at, End: at, New: block,
			Note: "exact helper semantics of the source hook", Summary: "/* " + name + " */ (" + fmt.Sprint(strings.Count(text, "\n")) + " lines)"})
	}
}

// Rules lists the rules of a direction ("xdp->tc" or "tc->xdp") in the order they run.
func Rules(direction string) []Rule {
	switch direction {
	case "xdp->tc":
		return xdpToTC
	case "tc->xdp":
		return tcToXDP
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
