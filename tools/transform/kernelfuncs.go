package transform

import (
	"fmt"
	"strings"

	"github.com/cilium/ebpf"

	"github.com/opened-ebpf/opened/tools/hook"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// kernelFunctions blocks calls the target cannot make that are not helpers: kfuncs (extern
// functions the kernel resolves by BTF) the target's program type may not call, and LLVM BPF
// intrinsics declared with an asm label (llvm.bpf.load.byte/half/word: LD_ABS/LD_IND packet
// loads, which exist only for socket-buffer programs).
func kernelFunctions(p *pass) {
	decls := map[string]*cfront.Node{}
	defined := map[string]bool{}
	for _, d := range p.ast.Decls {
		if d.Kind != "FunctionDecl" {
			continue
		}
		if hasBody(d) {
			defined[d.Name] = true
		} else if decls[d.Name] == nil {
			decls[d.Name] = d
		}
	}
	p.walk(func(n, _ *cfront.Node) {
		if n.Kind != "CallExpr" || len(n.Inner) == 0 {
			return
		}
		callee := n.Inner[0].Unwrap()
		if callee.Kind != "DeclRefExpr" || callee.Ref == nil || callee.Ref.Kind != "FunctionDecl" {
			return
		}
		name := callee.Ref.Name
		if defined[name] || (!p.ast.Kfuncs[name] && !p.ast.Intrinsics[name]) {
			return
		}
		s, _, _ := p.extent(n)
		if p.ast.Intrinsics[name] {
			label := "an LLVM intrinsic"
			var attrs []*cfront.Node
			if d := decls[name]; d != nil {
				attrs = d.Inner
			}
			for _, a := range attrs {
				if a.Kind != "AsmLabelAttr" {
					continue
				}
				if as, ae, ok := p.attrExtent(a); ok {
					cfront.Scan(p.src[as:ae], func(t cfront.Token) {
						if t.Kind == cfront.String {
							label = t.Text
						}
					})
				}
			}
			if p.to.ProgramType == ebpf.XDP && (strings.Contains(label, "llvm.bpf.load") || label == "an LLVM intrinsic") {
				p.block(s, name, fmt.Sprintf("%s is the LLVM intrinsic %s (an LD_ABS/LD_IND packet load), which only socket-buffer programs have; XDP reads the packet directly", name, label))
			}
			return
		}
		allowed, known := hook.KfuncAllowed(p.to.ProgramType, name)
		switch {
		case !known:
			p.block(s, name, fmt.Sprintf("kernel function %s: opened transform does not know whether %s programs may call it (tools/hook kfunc table)", name, p.to.ProgramType))
		case !allowed:
			p.block(s, name, fmt.Sprintf("kernel function %s is not available to %s programs (it works on the source hook's context)", name, p.to.ProgramType))
		}
	})
}
