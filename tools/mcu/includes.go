package mcu

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// includeFlags are the options an IncludeDir may carry.
var includeFlags = map[string]bool{"-I": true, "-iquote": true, "-isystem": true, "-idirafter": true}

// checkIncludeDirs checks Repo and IncludeDirs as functions.json holds them (file names it in
// errors) and makes Repo absolute against the unit directory dir.
func (f *Functions) checkIncludeDirs(file, dir string) error {
	bad := func(format string, args ...any) error {
		return &FormatError{Path: file, Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case f.Repo == "" && len(f.IncludeDirs) == 0:
		return nil
	case f.Repo == "":
		return bad("include_dirs without repo (the repository root relative to the unit directory)")
	case len(f.IncludeDirs) == 0:
		return bad("repo %q without include_dirs", f.Repo)
	case filepath.IsAbs(f.Repo):
		return bad("repo %q: must be relative to the unit directory", f.Repo)
	}
	for _, d := range f.IncludeDirs {
		if !includeFlags[d.Flag] {
			return bad("include_dirs: flag %q: want -I, -iquote, -isystem or -idirafter", d.Flag)
		}
		if c := path.Clean(d.Dir); d.Dir == "" || path.IsAbs(d.Dir) || c == ".." || strings.HasPrefix(c, "../") {
			return bad("include_dirs: dir %q: want a directory inside the repository, relative to it", d.Dir)
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return bad("%v", err)
	}
	f.Repo = filepath.Join(abs, filepath.FromSlash(f.Repo))
	return nil
}

// onDisk returns f as written into the unit directory dir: Repo relative to dir.
func (f Functions) onDisk(dir string) (Functions, error) {
	if !filepath.IsAbs(f.Repo) {
		return f, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return f, err
	}
	rel, err := filepath.Rel(abs, f.Repo)
	if err != nil {
		return f, fmt.Errorf("%s: repo %s: %v", FunctionsFile, f.Repo, err)
	}
	f.Repo = filepath.ToSlash(rel)
	return f, nil
}

// CompileFlags returns the clang flags every compile of the unit's mcu.c (or of a file holding
// its text) needs beyond the host's and the user's: the repository include directories the
// extraction kept (IncludeDirs, absolute, in the project's order) and a -fdebug-prefix-map that
// names the headers read from the repository relative to it in the object's debug information,
// as functions.json names files, so that the object does not depend on where the repository
// lies. It returns nil for a self-contained unit (no include_dirs). A directory that is not
// there (the unit or the repository was moved) is a *FormatError naming functions.json, the
// directory and the fix.
func (u *Unit) CompileFlags() ([]string, error) {
	f := u.Functions
	if len(f.IncludeDirs) == 0 {
		return nil, nil
	}
	root := f.Repo
	if !filepath.IsAbs(root) {
		// A unit built in memory: Repo relative to the unit directory.
		var err error
		if root, err = filepath.Abs(filepath.Join(u.Dir, filepath.FromSlash(root))); err != nil {
			return nil, err
		}
	}
	var out []string
	for _, d := range f.IncludeDirs {
		dir := filepath.Join(root, filepath.FromSlash(d.Dir))
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, &FormatError{Path: filepath.Join(u.Dir, FunctionsFile), Msg: fmt.Sprintf(
				"include_dirs: %s of the repository is not at %s: this unit's mcu.c compiles only with the repository's include directories %s "+
					"(a system header it includes opens repository headers by name); keep the unit where it was written relative to the repository, "+
					"or extract it again", d.Dir, dir, u.includeDirList())}
		}
		out = append(out, d.Flag, dir)
	}
	return append(out, "-fdebug-prefix-map="+root+string(filepath.Separator)+"="), nil
}

// includeDirList names the kept include directories for messages.
func (u *Unit) includeDirList() string {
	var ds []string
	for _, d := range u.Functions.IncludeDirs {
		ds = append(ds, d.Flag+" "+d.Dir)
	}
	return strings.Join(ds, ", ")
}
