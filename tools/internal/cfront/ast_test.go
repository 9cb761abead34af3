package cfront

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestParseASTOffsets(t *testing.T) {
	dir := t.TempDir()
	src := `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp")
int prog(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	if (bpf_xdp_adjust_head(ctx, 4))
		return XDP_ABORTED;
	return data ? XDP_PASS : XDP_DROP;
}
`
	if err := os.WriteFile(filepath.Join(dir, "p.c"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := ParseAST(context.Background(), Options{Repo: dir}, "p.c")
	if err != nil {
		t.Fatal(err)
	}
	if a.Helpers["bpf_xdp_adjust_head"] != 44 {
		t.Errorf("helper id of bpf_xdp_adjust_head = %d, want 44", a.Helpers["bpf_xdp_adjust_head"])
	}
	if len(a.Decls) != 1 || a.Decls[0].Name != "prog" {
		t.Fatalf("decls = %v", a.Decls)
	}
	got := map[string]string{}
	a.Decls[0].Walk(func(n *Node) bool {
		s, e, ok := n.Extent()
		switch {
		case n.Kind == "MemberExpr" && ok:
			got["member"] = src[s:e]
			got["member.name"] = src[n.End.Offset : n.End.Offset+n.End.TokLen]
		case n.Kind == "DeclRefExpr" && n.Ref != nil && n.Ref.Kind == "EnumConstantDecl" && ok:
			got[n.Ref.Name] = src[s:e]
		case n.Kind == "SectionAttr":
			got["sec"] = src[n.Begin.Offset : n.Begin.Offset+n.Begin.TokLen]
		case n.Kind == "ParmVarDecl" && ok:
			got["parm"] = src[s:e]
		}
		return true
	})
	want := map[string]string{"member": "ctx->data", "member.name": "data", "XDP_ABORTED": "XDP_ABORTED", "XDP_PASS": "XDP_PASS",
		"XDP_DROP": "XDP_DROP", "sec": "SEC", "parm": "struct xdp_md *ctx"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
}
