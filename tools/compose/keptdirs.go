package compose

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Units that keep repository include directories (functions.json include_dirs).
//
// A segment is one clang compile, so it has one include search path: every stage's kept
// directories, in stage order (composer.flags). A header that two stages' kept directories both
// hold under one name, with different text, would be taken from the first stage's directory
// for both stages (the second stage's system header opens it by name), so such stages cannot
// share a segment; checkKeptDirs says so instead of leaving it to clang's errors.

// keptHeaders maps each header name (relative to a kept directory, forward slashes) below u's
// kept directories to its file; the first directory wins, as in clang's search.
func keptHeaders(u *unit) map[string]string {
	out := map[string]string{}
	for _, dir := range u.keptDirs {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".h") {
				return nil
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return nil
			}
			if _, ok := out[filepath.ToSlash(rel)]; !ok {
				out[filepath.ToSlash(rel)] = p
			}
			return nil
		})
	}
	return out
}

// checkKeptDirs refuses a segment in which two stages' kept include directories hold different
// headers of one name.
func (c *composer) checkKeptDirs(seg Segment, us []*unit) error {
	type owner struct {
		u    *unit
		path string
	}
	seen := map[string]owner{}
	for _, u := range us {
		hs := keptHeaders(u)
		names := make([]string, 0, len(hs))
		for n := range hs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			p := hs[n]
			o, ok := seen[n]
			if !ok {
				seen[n] = owner{u, p}
				continue
			}
			if o.u == u || sameFile(o.path, p) {
				continue
			}
			return c.errorf(u.stage.Line, "stages %s and %s cannot share the %s segment: both keep repository include directories (functions.json include_dirs) holding a different %s (%s, %s), and a segment is compiled once with one include search path; put them at different hooks",
				o.u.stage.Name, u.stage.Name, seg.Hook, n, o.path, p)
		}
	}
	return nil
}

// sameFile reports whether a and b are one file or have the same content.
func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := os.ReadFile(a)
	y, err2 := os.ReadFile(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}
