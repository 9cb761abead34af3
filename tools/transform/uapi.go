package transform

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// ownsUAPI reports whether mcu.c holds its own copy of the UAPI types (a vendored bpf.h or
// vmlinux.h copied into the unit): then the shim must not include <linux/bpf.h>, and the
// target's context struct, if the copy lacks it, comes from contextDecl.
func ownsUAPI(ast *cfront.AST) (own bool, defined map[string]bool) {
	defined = map[string]bool{}
	for _, d := range ast.Decls {
		if d.Kind == "RecordDecl" && (d.Name == "__sk_buff" || d.Name == "xdp_md") && len(d.Inner) > 0 {
			own = true
			defined[d.Name] = true
		}
	}
	return own, defined
}

// contextDecl returns the definition of struct name as the system's <linux/bpf.h> has it:
// clang preprocesses a probe including the header (without line markers, so that every
// declaration is the probe's own), its AST names the record, and the record's text is
// taken from its extent.
func contextDecl(ctx context.Context, clang string, flags []string, name string) (string, error) {
	dir, err := os.MkdirTemp("", "opened-uapi-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "probe.c"), []byte("#include <linux/bpf.h>\n"), 0o644); err != nil {
		return "", err
	}
	args := append(append(append([]string{}, cfront.BaseFlags...), flags...), "-E", "-P", "probe.c", "-o", "pre.c")
	cmd := exec.CommandContext(ctx, clang, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("preprocessing <linux/bpf.h> for struct %s: %v\n%s", name, err, out)
	}
	src, err := os.ReadFile(filepath.Join(dir, "pre.c"))
	if err != nil {
		return "", err
	}
	ast, err := cfront.ParseAST(ctx, cfront.Options{Clang: clang, Repo: dir, CFlags: flags}, "pre.c")
	if err != nil {
		return "", err
	}
	for _, d := range ast.Decls {
		if d.Kind != "RecordDecl" || d.Name != name || len(d.Inner) == 0 {
			continue
		}
		s, e, ok := d.Extent()
		if !ok || e > len(src) {
			break
		}
		return string(src[s:e]) + ";\n", nil
	}
	return "", fmt.Errorf("<linux/bpf.h> has no definition of struct %s", name)
}
