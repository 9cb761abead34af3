package transform

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

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

// uapiTypes are the UAPI integer types the shims and the context structs are written with.
var uapiTypes = []string{"__u8", "__s8", "__u16", "__s16", "__u32", "__s32", "__u64", "__s64", "__be16", "__be32", "__wsum", "__sum16"}

// uapiPrelude returns what a unit with its own UAPI copy lacks for the shim: the UAPI integer
// typedefs it does not define and, when want is not defined, struct want, as the system's
// <linux/bpf.h> has them: clang preprocesses a probe including the header (without line
// markers, so that every declaration is the probe's own), its AST names the declarations, and
// their text is taken from their extents.
func uapiPrelude(ctx context.Context, clang string, flags []string, unit *cfront.AST, want string, haveWant bool) (string, error) {
	have := map[string]bool{}
	for _, d := range unit.Decls {
		if d.Kind == "TypedefDecl" {
			have[d.Name] = true
		}
	}
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
		return "", fmt.Errorf("preprocessing <linux/bpf.h> for struct %s: %v\n%s", want, err, out)
	}
	src, err := os.ReadFile(filepath.Join(dir, "pre.c"))
	if err != nil {
		return "", err
	}
	ast, err := cfront.ParseAST(ctx, cfront.Options{Clang: clang, Repo: dir, CFlags: flags}, "pre.c")
	if err != nil {
		return "", err
	}
	needed := map[string]bool{}
	for _, t := range uapiTypes {
		needed[t] = !have[t]
	}
	var b strings.Builder
	found := haveWant
	for _, d := range ast.Decls {
		s, e, ok := d.Extent()
		if !ok || e > len(src) {
			continue
		}
		switch {
		case d.Kind == "TypedefDecl" && needed[d.Name]:
			b.WriteString(string(src[s:e]) + ";\n")
			needed[d.Name] = false
		case d.Kind == "RecordDecl" && d.Name == want && len(d.Inner) > 0 && !found:
			b.WriteString(string(src[s:e]) + ";\n")
			found = true
		}
	}
	if !found {
		return "", fmt.Errorf("<linux/bpf.h> has no definition of struct %s", want)
	}
	return b.String(), nil
}
