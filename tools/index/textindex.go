package index

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cflags"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// textIndex is the textual prefilter over the repository's files.
type textIndex struct {
	files     []string              // scanned files, sorted
	id        map[string]int        // file -> index into files
	idents    map[string][]int      // identifier -> files mentioning it
	defIdents map[string][]int      // identifier -> files that may define it (scanText)
	funcSites map[string][]textSite // function name -> where a file's text defines it
	varSites  map[string][]textSite // variable name -> where a file's text defines it
	includers [][]int               // file -> files that may include it
	includes  [][]int               // file -> files it may include (built by related)
	everyUnit []bool                // file is assumed included by every unit
	units     []int                 // files that are translation units
}

// textSite is a line of a scanned file (index into files) where a name is defined, and
// whether the definition is static.
type textSite struct {
	file, line int
	static     bool
}

// includeDirs returns the repository-relative include directories and
// forced includes named by cflags.
func includeDirs(repo string, cflags []string) (dirs, forced []string) {
	inRepo := func(p string) (string, bool) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(repo, p)
		}
		r, err := filepath.Rel(repo, filepath.Clean(p))
		if err != nil || r == ".." || strings.HasPrefix(r, "../") {
			return "", false
		}
		return filepath.ToSlash(r), true
	}
	// Flags were checked by Open; unsafe ones are skipped here.
	set, _ := cflagsParse(cflags)
	forced = set.Forced()
	for _, d := range set.IncludeDirs() {
		if r, ok := inRepo(d); ok {
			dirs = append(dirs, r)
		}
	}
	return dirs, forced
}

// cflagsParse splits flags as Open checked them (unsafely: kinds outside the policy are kept
// as cflags.Other and ignored here).
func cflagsParse(fl []string) (cflags.Set, error) {
	return cflags.Parse(fl, cflags.Options{Unsafe: true})
}

// buildTextIndex scans the repository's .c and .h files and the files they
// include by name.
func buildTextIndex(repo string, units []string, cflags []string) (*textIndex, error) {
	all, _, err := walkRepo(repo, false)
	if err != nil {
		return nil, err
	}
	return buildTextIndexOf(repo, all, units, cflags)
}

// walkRepo lists the repository's files (relative, slash-separated) and, with sized, the
// bytes of its .c and .h files.
func walkRepo(repo string, sized bool) (all []string, cBytes int64, err error) {
	err = filepath.WalkDir(repo, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != repo && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "bazel-")) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0 { // a symlinked header is read through its link
			r, _ := filepath.Rel(repo, p)
			all = append(all, filepath.ToSlash(r))
			if n := d.Name(); sized && (strings.HasSuffix(n, ".c") || strings.HasSuffix(n, ".h")) {
				if st, err := os.Stat(p); err == nil {
					cBytes += st.Size()
				}
			}
		}
		return nil
	})
	return all, cBytes, err
}

// buildTextIndexOf is buildTextIndex over the files walkRepo listed.
func buildTextIndexOf(repo string, all, units []string, cflags []string) (*textIndex, error) {
	byBase := map[string][]string{}
	for _, f := range all {
		byBase[path.Base(f)] = append(byBase[path.Base(f)], f)
	}
	dirs, forced := includeDirs(repo, cflags)

	t := &textIndex{id: map[string]int{}, idents: map[string][]int{}, defIdents: map[string][]int{}, funcSites: map[string][]textSite{}, varSites: map[string][]textSite{}}
	targets := map[string][]string{}
	computed := map[string]bool{}
	var queue []string
	add := func(f string) {
		if _, ok := t.id[f]; ok {
			return
		}
		t.id[f] = -1
		queue = append(queue, f)
	}
	for _, f := range all {
		if strings.HasSuffix(f, ".c") || strings.HasSuffix(f, ".h") {
			add(f)
		}
	}
	for _, f := range forced {
		for _, g := range byBase[path.Base(filepath.ToSlash(f))] {
			add(g)
		}
	}
	// Identifier -> the files (scan order) mentioning it, and those that may define it.
	type nameFiles struct {
		files, defs       []int
		lastFile, lastDef int
	}
	names := map[string]*nameFiles{}
	var scanned []string
	type site struct {
		name             string
		line             int
		variable, static bool
	}
	sites := map[string][]site{}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		b, err := os.ReadFile(filepath.Join(repo, f))
		if err != nil {
			continue
		}
		k := len(scanned)
		scanned = append(scanned, f)
		// One map for every file: a file's identifiers are appended once (lastFile).
		note := func(id string, def bool) {
			e := names[id]
			if e == nil {
				e = &nameFiles{lastFile: -1, lastDef: -1}
				names[strings.Clone(id)] = e // the key must not keep the file's text alive
			}
			if e.lastFile != k {
				e.files, e.lastFile = append(e.files, k), k
			}
			if def && e.lastDef != k {
				e.defs, e.lastDef = append(e.defs, k), k
			}
		}
		tg, comp := scanText(b, func(id string) { note(id, false) }, func(id string) { note(id, true) },
			func(id string, line int, static bool) {
				sites[f] = append(sites[f], site{strings.Clone(id), line, false, static})
			}, func(id string, line int, static bool) {
				sites[f] = append(sites[f], site{strings.Clone(id), line, true, static})
			})
		targets[f] = tg
		computed[f] = comp
		for _, x := range tg {
			for _, g := range byBase[path.Base(x)] {
				add(g)
			}
		}
	}
	for f := range t.id {
		t.files = append(t.files, f)
	}
	sort.Strings(t.files)
	for i, f := range t.files {
		t.id[f] = i
	}
	t.idents = make(map[string][]int, len(names))
	t.defIdents = make(map[string][]int, len(names))
	sortedOf := make([]int, len(scanned))
	for k, f := range scanned {
		sortedOf[k] = t.id[f]
	}
	for id, e := range names {
		files := make([]int, len(e.files))
		for j, k := range e.files {
			files[j] = sortedOf[k]
		}
		sort.Ints(files)
		t.idents[id] = files
		if len(e.defs) > 0 {
			defs := make([]int, len(e.defs))
			for j, k := range e.defs {
				defs[j] = sortedOf[k]
			}
			sort.Ints(defs)
			t.defIdents[id] = defs
		}
	}
	n := len(t.files)
	t.includers = make([][]int, n)
	t.everyUnit = make([]bool, n)
	included := make([]bool, n)
	for i, f := range t.files {
		for _, st := range sites[f] {
			if st.variable {
				t.varSites[st.name] = append(t.varSites[st.name], textSite{i, st.line, st.static})
			} else {
				t.funcSites[st.name] = append(t.funcSites[st.name], textSite{i, st.line, st.static})
			}
		}
		if computed[f] {
			for j, g := range t.files {
				if j != i && !strings.HasSuffix(g, ".c") {
					t.includers[j] = append(t.includers[j], i)
					included[j] = true
				}
			}
		}
		for _, x := range targets[f] {
			for _, g := range byBase[path.Base(x)] {
				if j, ok := t.id[g]; ok && j != i {
					t.includers[j] = append(t.includers[j], i)
					included[j] = true
				}
			}
		}
	}
	for _, f := range forced {
		for _, g := range byBase[path.Base(filepath.ToSlash(f))] {
			t.everyUnit[t.id[g]] = true
		}
	}
	for i, f := range t.files {
		if included[i] || strings.HasSuffix(f, ".c") {
			continue
		}
		for _, d := range dirs {
			name, ok := f, d == "."
			if !ok && strings.HasPrefix(f, d+"/") {
				name, ok = f[len(d)+1:], true
			}
			if ok && cfront.MaybeSystemReached(name) {
				t.everyUnit[i] = true // a system header may include it through -I
				break
			}
		}
	}
	isUnit := map[string]bool{}
	for _, u := range units {
		isUnit[u] = true
	}
	for i, f := range t.files {
		if isUnit[f] {
			t.units = append(t.units, i)
		}
	}
	return t, nil
}

// unitsReaching returns the units that may enter any of files, sorted; all
// reports that every unit may.
func (t *textIndex) unitsReaching(files []int) (out []string, all bool) {
	seen := make([]bool, len(t.files))
	queue := append([]int(nil), files...)
	for _, f := range files {
		seen[f] = true
	}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if t.everyUnit[f] {
			return nil, true
		}
		for _, g := range t.includers[f] {
			if !seen[g] {
				seen[g] = true
				queue = append(queue, g)
			}
		}
	}
	for _, u := range t.units {
		if seen[u] {
			out = append(out, t.files[u])
		}
	}
	return out, false
}

// mentioning returns the units that may see identifier name.
func (t *textIndex) mentioning(name string) (units []string, all bool) {
	return t.unitsReaching(t.idents[name])
}

// entering returns the units that may enter file (file itself when it is a unit).
func (t *textIndex) entering(file string) (units []string, all bool) {
	i, ok := t.id[file]
	if !ok {
		return nil, false
	}
	return t.unitsReaching([]int{i})
}
