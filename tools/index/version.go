package index

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// The clang version in unit keys: known from meta, from a parse, or (only when stored keys
// must be compared first) from clang itself.

// cachedClangVersion returns the identity of the clang binary (path, size, modification
// time) and its version if meta has it for that identity, else "".
func (ix *Index) cachedClangVersion(ctx context.Context) (id, version string, err error) {
	clang := ix.opts.Clang
	if clang == "" {
		clang = "clang"
	}
	path, err := exec.LookPath(clang)
	if err != nil {
		return "", "", fmt.Errorf("clang: %w", err)
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	st, err := os.Stat(path)
	if err != nil {
		return "", "", err
	}
	id = fmt.Sprintf("%s %d %d", path, st.Size(), st.ModTime().UnixNano())
	return id, ix.meta(ctx, "clang:"+id), nil
}

// setClangVersion records the version of the clang binary of this run, in meta by identity.
func (ix *Index) setClangVersion(ctx context.Context, v string) error {
	ix.mu.Lock()
	ix.version = v
	ix.mu.Unlock()
	_, err := ix.db.ExecContext(ctx, `INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)`, "clang:"+ix.clangID, v)
	return err
}

// ensureClangVersion makes the clang version known: from meta, else from a parsed unit (the
// compiler its IR names), else by running clang --version. A cold run (an empty index, as in
// a Bazel action) learns it from its first parse and never starts clang just to ask.
func (ix *Index) ensureClangVersion(ctx context.Context, parsed []*cfront.TU) error {
	ix.mu.Lock()
	v := ix.version
	ix.mu.Unlock()
	if v != "" {
		return nil
	}
	for _, tu := range parsed {
		if tu != nil && tu.Compiler != "" {
			return ix.setClangVersion(ctx, tu.Compiler)
		}
	}
	v, err := cfront.Version(ix.opts.Clang)
	if err != nil {
		return err
	}
	return ix.setClangVersion(ctx, v)
}

// baseKey is the part of every unit key that is not a file: the clang version and the cflags.
func (ix *Index) baseKey() string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	// cfront.BaseFlags too: they decide the include search order (the multiarch directory).
	return ix.version + "\x00" + strings.Join(cfront.BaseFlags, "\x01") + "\x00" + strings.Join(ix.opts.CFlags, "\x01")
}
