package extract

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cflags"
)

// flags returns the project's flags as package cflags splits them (Run has checked them).
func (x *extractor) flags() cflags.Set {
	s, _ := cflags.Parse(x.opts.CFlags, cflags.Options{Unsafe: true})
	return s
}

// buildFlags returns the project flags mcu.c still needs when compiled in compileDir: code
// generation as the project builds it (-mcpu=v3, -fno-builtin, -std=gnu11, -nostdinc, ...),
// -D/-U, include directories outside the repository (made absolute), and the include
// directories inside it that system headers still open repository headers from
// (keptIncludeDirs; relative to compileDir, and mapped in the debug information to the
// repository-relative names functions.json uses, so that neither an absolute path nor where
// the unit lies reaches mcu.o); mcu.c holds every other repository header's text. Flags keep
// their order. Flags let through by --unsafe-cflags are passed as given.
func (x *extractor) buildFlags(compileDir string) []string {
	var out []string
	kept := x.keptIncludeDirs()
	relRepo := ""
	if abs, err := filepath.Abs(compileDir); err == nil {
		if r, err := filepath.Rel(abs, x.ix.Repo()); err == nil && r != "." {
			relRepo = r
		}
	}
	mapped := false
	for _, f := range x.flags() {
		switch f.Kind {
		case cflags.CodeGen, cflags.Define, cflags.Undef, cflags.Other:
			out = append(out, f.Args()...)
		case cflags.IncludeDir:
			dir := f.Value
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(x.ix.Repo(), dir)
			}
			dir = filepath.Clean(dir)
			if inside(x.ix.Repo(), dir) {
				if !kept[dir] {
					continue // its headers are copied into mcu.c
				}
				if abs, err := filepath.Abs(compileDir); err == nil {
					if rel, err := filepath.Rel(abs, dir); err == nil {
						dir = rel
					}
				}
				mapped = mapped || relRepo != ""
			}
			out = append(out, f.Opt, dir)
		}
		// Include: forced includes are written into mcu.c (forcedIncludes).
	}
	if mapped {
		out = append(out, "-fdebug-prefix-map="+filepath.ToSlash(relRepo)+"/=")
	}
	return out
}

// forcedIncludes returns the -include headers from outside the repository
// (a repository header's content is copied into mcu.c like any other).
func (x *extractor) forcedIncludes() []string {
	var out []string
	for _, f := range x.forcedIncludePaths() {
		if inside(x.ix.Repo(), f.abs) {
			if _, err := os.Stat(f.abs); err == nil {
				continue
			}
		}
		out = append(out, f.given)
	}
	return out
}

// forcedInclude is an -include header as the flags give it and as an absolute path (a
// relative one taken from the repository).
type forcedInclude struct{ given, abs string }

func (x *extractor) forcedIncludePaths() []forcedInclude {
	var out []forcedInclude
	for _, f := range x.flags().Of(cflags.Include) {
		if f.Opt != "-include" {
			continue
		}
		p := f.Value
		if !filepath.IsAbs(p) {
			p = filepath.Join(x.ix.Repo(), p)
		}
		out = append(out, forcedInclude{f.Value, p})
	}
	return out
}

// includeDirsInRepo returns the -I directories (only -I: those that can shadow a system
// header) that lie inside the repository, relative to it with forward slashes.
func (x *extractor) includeDirsInRepo() []string {
	var out []string
	for _, f := range x.flags().Of(cflags.IncludeDir) {
		if f.Opt != "-I" {
			continue
		}
		dir := f.Value
		if filepath.IsAbs(dir) {
			r, err := filepath.Rel(x.ix.Repo(), dir)
			if err != nil || strings.HasPrefix(r, "..") {
				continue
			}
			dir = r
		}
		out = append(out, filepath.ToSlash(filepath.Clean(dir)))
	}
	return out
}

// inside reports whether p is root or below it.
func inside(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, "../")
}
