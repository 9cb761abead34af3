package extract

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cflags"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// Repository headers that system headers include.
//
// mcu.c keeps system headers as #include lines and holds the repository's text itself, so the
// compile of mcu.c drops the repository's include directories. A repository header that clang
// entered from inside a system header (the host's <asm/types.h> including the project's
// include/asm-generic/types.h under -nostdinc; the system <linux/types.h> including the
// project's include/asm/types.h) is not text mcu.c can hold: the system header opens it by
// name when mcu.c is compiled. Such a header is left to the kept #include (none of its
// declarations or macros is copied, or they would be defined twice), and the include
// directories it lies in are kept in the compile of mcu.c, as paths relative to the unit
// directory (keptIncludeDirs), and recorded in functions.json (repo, include_dirs:
// keptIncludeRecord) for the later stages that compile mcu.c again.

// viaSystem returns the repository files of u's translation unit that clang entered from inside
// a system header: every file of the unit that no chain of #include lines of repository files,
// starting at the unit's .c file or a forced -include, entered.
func (x *extractor) viaSystem(u *unit) map[string]bool {
	tu := u.tu
	files := map[string]bool{}
	for f := range tu.Active {
		files[f] = true
	}
	for i := range tu.Decls {
		files[tu.Decls[i].File] = true
	}
	for i := range tu.Macros {
		if f := tu.Macros[i].File; f != "<command line>" {
			files[f] = true
		}
	}
	from := map[string][]string{}
	for _, inc := range tu.Includes {
		files[inc.From] = true
		if !inc.System {
			files[inc.To] = true
			from[inc.From] = append(from[inc.From], inc.To)
		}
	}
	reached := map[string]bool{}
	var visit func(f string)
	visit = func(f string) {
		if reached[f] {
			return
		}
		reached[f] = true
		for _, to := range from[f] {
			visit(to)
		}
	}
	visit(tu.File)
	for _, f := range x.forcedRepoIncludes() {
		visit(f)
	}
	out := map[string]bool{}
	for f := range files {
		if f != "" && !reached[f] {
			out[f] = true
		}
	}
	return out
}

// forcedRepoIncludes returns the -include headers inside the repository, relative to it with
// forward slashes.
func (x *extractor) forcedRepoIncludes() []string {
	var out []string
	for _, f := range x.forcedIncludePaths() {
		if r, err := filepath.Rel(x.ix.Repo(), f.abs); err == nil && inside(x.ix.Repo(), f.abs) {
			out = append(out, filepath.ToSlash(r))
		}
	}
	return out
}

// keptIncludeDirs returns the include directories inside the repository (absolute, cleaned) that
// the compile of mcu.c still needs: those holding a repository header some system header of an
// MCU unit entered. A directory is kept when such
// a header lies below it (clang does not record the spelling a system header used, so the
// directory that served it is not known more exactly).
func (x *extractor) keptIncludeDirs() map[string]bool {
	var sysFiles []string
	for _, u := range x.units {
		for f := range x.viaSystem(u) {
			sysFiles = append(sysFiles, f)
		}
	}
	sort.Strings(sysFiles)
	kept := map[string]bool{}
	for _, f := range x.flags().Of(cflags.IncludeDir) {
		dir := f.Value
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(x.ix.Repo(), dir)
		}
		dir = filepath.Clean(dir)
		if !inside(x.ix.Repo(), dir) {
			continue
		}
		rel, err := filepath.Rel(x.ix.Repo(), dir)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		for _, s := range sysFiles {
			if rel == "." || strings.HasPrefix(s, rel+"/") {
				kept[dir] = true
				break
			}
		}
	}
	return kept
}

// keptIncludeRecord returns what functions.json records of the kept include directories for a
// unit written in dir (or beside it): the repository root relative to dir, and the kept
// directories, relative to the repository, with their options in the order of the flags (as
// buildFlags passes them), so that a later stage compiling mcu.c passes the same directories
// (mcu.Unit.CompileFlags). Nothing ("", nil) for a self-contained unit.
func (x *extractor) keptIncludeRecord(dir string) (string, []mcu.IncludeDir) {
	kept := x.keptIncludeDirs()
	if len(kept) == 0 {
		return "", nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", nil
	}
	repo, err := filepath.Rel(abs, x.ix.Repo())
	if err != nil {
		return "", nil
	}
	var out []mcu.IncludeDir
	seen := map[mcu.IncludeDir]bool{}
	for _, f := range x.flags().Of(cflags.IncludeDir) {
		d := f.Value
		if !filepath.IsAbs(d) {
			d = filepath.Join(x.ix.Repo(), d)
		}
		d = filepath.Clean(d)
		if !kept[d] {
			continue
		}
		rel, err := filepath.Rel(x.ix.Repo(), d)
		if err != nil {
			continue
		}
		inc := mcu.IncludeDir{Flag: f.Opt, Dir: filepath.ToSlash(rel)}
		if !seen[inc] {
			seen[inc] = true
			out = append(out, inc)
		}
	}
	return filepath.ToSlash(repo), out
}

// underKeptDir reports whether the repository file lies below an include directory the compile
// of mcu.c keeps: a system header of mcu.c may then open it by name.
func (x *extractor) underKeptDir(kept map[string]bool, file string) bool {
	p := filepath.Join(x.ix.Repo(), filepath.FromSlash(file))
	for dir := range kept {
		if inside(dir, p) && p != dir {
			return true
		}
	}
	return false
}

// viaSystemNote lists, for mcu.c's header comment, the repository headers system headers
// include and the directories kept for them.
func (x *extractor) viaSystemNote() string {
	kept := x.keptIncludeDirs()
	if len(kept) == 0 {
		return ""
	}
	var dirs []string
	for d := range kept {
		r, _ := filepath.Rel(x.ix.Repo(), d)
		dirs = append(dirs, filepath.ToSlash(r))
	}
	sort.Strings(dirs)
	var files []string
	seen := map[string]bool{}
	for _, u := range x.unitsByRank() {
		var fs []string
		for f := range x.viaSystem(u) {
			fs = append(fs, f)
		}
		sort.Strings(fs)
		for _, f := range fs {
			if !seen[f] {
				seen[f] = true
				files = append(files, f)
			}
		}
	}
	return " * Compiled with the repository's include directories " + strings.Join(dirs, ", ") +
		":\n * system headers include " + strings.Join(files, ", ") + " from them.\n"
}
