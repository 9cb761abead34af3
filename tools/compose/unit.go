package compose

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/opened-ebpf/opened/tools/hook"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/mcu"
	"github.com/opened-ebpf/opened/tools/pipeline"
)

// unit is one stage's MCU directory, read and parsed.
type unit struct {
	stage   Stage
	ident   string // the stage name as a C identifier fragment
	fns     mcu.Functions
	maps    mcu.Maps
	src     []byte
	tu      *cfront.TU
	license string
	// hook is "xdp" or "tc" (the unit's program type).
	hook string
	// ret and param are the entry's return type and parameter type.
	ret, param string
	// idents holds every identifier of the preprocessed unit that the unit does not define
	// itself: what its system headers (and its code) name.
	idents map[string]bool
	// defines holds the names the unit defines at file scope.
	defines map[string]bool
	// flags are the clang flags its mcu.c needs beyond the configured ones: the repository
	// include directories its extraction kept (mcu.Unit.CompileFlags).
	flags []string
	// keptDirs are those include directories (absolute).
	keptDirs []string
}

func cIdent(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, s)
}

// loadUnit reads st.Dir and parses its mcu.c with clang.
func (c *composer) loadUnit(ctx context.Context, st Stage) (*unit, error) {
	u := &unit{stage: st, ident: cIdent(st.Name)}
	bad := func(err error) error {
		return c.errorf(st.Line, "stage %s: unit %s: %v", st.Name, st.Dir, err)
	}
	mu, err := mcu.Read(st.Dir)
	if err != nil {
		return nil, c.errorf(st.Line, "stage %s: %v", st.Name, err)
	}
	u.fns, u.maps, u.src = mu.Functions, mu.Maps, mu.Source
	if u.flags, err = mu.CompileFlags(); err != nil {
		return nil, c.errorf(st.Line, "stage %s: %v", st.Name, err)
	}
	for _, d := range mu.Functions.IncludeDirs {
		u.keptDirs = append(u.keptDirs, filepath.Join(mu.Functions.Repo, filepath.FromSlash(d.Dir)))
	}
	h, err := hook.ForSection(u.fns.Section)
	if err != nil {
		return nil, bad(err)
	}
	switch h.ProgramType {
	case ebpf.XDP:
		u.hook = "xdp"
	case ebpf.SchedCLS:
		u.hook = "tc"
	default:
		return nil, c.errorf(st.Line, "stage %s: entry %s is a %s program (section %q); a pipeline holds XDP and TC programs", st.Name, u.fns.Entry, h.ProgramType, u.fns.Section)
	}
	coll, err := ebpf.LoadCollectionSpecFromReader(bytes.NewReader(mu.Object))
	if err != nil {
		return nil, bad(err)
	}
	if p := coll.Programs[u.fns.Entry]; p != nil {
		u.license = p.License
	}
	if u.tu, err = cfront.Parse(ctx, cfront.Options{Clang: c.clangPath, Repo: st.Dir, CFlags: c.flags(u.flags)}, mcu.SourceFile); err != nil {
		return nil, bad(err)
	}
	u.defines = map[string]bool{}
	for _, d := range u.tu.Decls {
		for _, n := range declNames(d) {
			u.defines[n] = true
		}
	}
	var entry *cfront.Decl
	for i := range u.tu.Decls {
		d := &u.tu.Decls[i]
		if d.Func() && d.Name == u.fns.Entry && d.IsDefinition {
			entry = d
		}
	}
	if entry == nil {
		return nil, bad(fmt.Errorf("mcu.c defines no entry %s", u.fns.Entry))
	}
	// "int (struct xdp_md *)"
	sig := entry.Signature
	i := strings.Index(sig, " (")
	if i < 0 || !strings.HasSuffix(sig, ")") || strings.Contains(sig[i+2:len(sig)-1], ",") {
		return nil, bad(fmt.Errorf("entry %s: signature %q is not RET (CTX *)", u.fns.Entry, sig))
	}
	u.ret, u.param = sig[:i], sig[i+2:len(sig)-1]
	pp, err := c.clang(ctx, st.Dir, append(append([]string{}, u.flags...), "-E", "-P", mcu.SourceFile)...)
	if err != nil {
		return nil, bad(err)
	}
	u.idents = map[string]bool{}
	for _, id := range cfront.Identifiers(string(pp)) {
		if !u.defines[id] {
			u.idents[id] = true
		}
	}
	return u, nil
}

// declNames lists the file-scope names a declaration defines.
func declNames(d cfront.Decl) []string {
	var out []string
	if d.Name != "" {
		out = append(out, d.Name)
	}
	out = append(out, d.EnumConsts...)
	return append(out, d.Nested...)
}

// flags returns the flags of a clang run over text holding the given units' mcu.c: their
// kept repository include directories first (in stage order, each once), as each unit's
// extraction compiled it, then the configured ones.
func (c *composer) flags(unitFlags ...[]string) []string {
	var out, maps []string
	seen := map[string]bool{}
	for _, fl := range unitFlags {
		for i := 0; i < len(fl); i++ {
			if strings.HasPrefix(fl[i], "-fdebug-prefix-map=") {
				if !seen[fl[i]] {
					seen[fl[i]] = true
					maps = append(maps, fl[i])
				}
				continue
			}
			if i+1 < len(fl) {
				if k := fl[i] + "\x00" + fl[i+1]; !seen[k] {
					seen[k] = true
					out = append(out, fl[i], fl[i+1])
				}
				i++
			}
		}
	}
	return append(append(out, maps...), c.cfg.CFlags...)
}

// clang runs the configured clang for -target bpf in dir and returns its standard output.
func (c *composer) clang(ctx context.Context, dir string, args ...string) ([]byte, error) {
	a := append(append(append([]string{}, cfront.BaseFlags...), c.cfg.CFlags...), args...)
	cmd := exec.CommandContext(ctx, c.clangPath, a...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("clang %s: %v\n%s", strings.Join(a, " "), err, strings.TrimSpace(errb.String()))
	}
	return out.Bytes(), nil
}

// provenance lists the unit's source files (with hashes when the repository is at hand).
func (u *unit) provenance() pipeline.Provenance {
	pv := pipeline.Provenance{Repo: u.stage.Repo, Unit: filepath.Base(u.stage.Dir)}
	files := map[string]bool{}
	for _, f := range u.fns.Functions {
		files[f.File] = true
	}
	for _, m := range u.maps.Maps {
		files[m.File] = true
	}
	var names []string
	for f := range files {
		if f != "" {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	for _, f := range names {
		pf := pipeline.File{Path: f}
		if u.stage.RepoDir != "" {
			if b, err := os.ReadFile(filepath.Join(u.stage.RepoDir, filepath.FromSlash(f))); err == nil {
				pf.SHA256 = sha(b)
			}
		}
		pv.Files = append(pv.Files, pf)
	}
	pv.Files = append(pv.Files, pipeline.File{Path: mcu.SourceFile, SHA256: sha(u.src)})
	return pv
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
