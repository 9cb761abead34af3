package index

import (
	"context"
	"path/filepath"
	"sort"
)

// Deps records what a lazy index's answers depended on: the names and files queries asked
// about and the units parsed. With the textual prefilter (lazy.go) it says which of the
// repository's files an extraction used; the others could not change its result.
//
// A file is used when it is a parsed unit or may be included by one (by #include target,
// over-approximated as lazy.go does), when it mentions a queried name as an identifier, or
// when it may enter a unit that mentions one. Every other .c/.h file of the repository is
// unused: while it keeps mentioning none of the queried names and includes nothing that
// does, no edit to it changes what any query returns. CheckUnused tells when that stopped
// being true (docs/bazel.md, "Incrementality per function").
type Deps struct {
	// Names the queries asked about (definitions, uses), sorted.
	Names []string `json:"names"`
	// Files whose entering units queries asked about, sorted.
	Files []string `json:"files"`
	// Units parsed (or rejected by clang) for the answers, sorted.
	Units []string `json:"units"`
	// Complete: every unit was parsed and queries were not restricted.
	Complete bool `json:"complete"`
}

// record notes a query's name or file (called with lazyMu held).
func (ix *Index) record(name, file string) {
	if ix.queried == nil {
		ix.queried, ix.entered = map[string]bool{}, map[string]bool{}
	}
	if name != "" {
		ix.queried[name] = true
	}
	if file != "" {
		ix.entered[file] = true
	}
}

// Deps returns what the answers so far depended on.
func (ix *Index) Deps() Deps {
	ix.lazyMu.Lock()
	defer ix.lazyMu.Unlock()
	d := Deps{Complete: ix.complete || !ix.opts.Lazy}
	for n := range ix.queried {
		d.Names = append(d.Names, n)
	}
	for f := range ix.entered {
		d.Files = append(d.Files, f)
	}
	seen := map[string]bool{}
	for u := range ix.fresh {
		seen[u] = true
	}
	for u := range ix.loaded {
		seen[u] = true
	}
	for u := range seen {
		d.Units = append(d.Units, u)
	}
	sort.Strings(d.Names)
	sort.Strings(d.Files)
	sort.Strings(d.Units)
	return d
}

// UnusedFiles returns the repository's scanned files (relative, slash-separated, sorted)
// that the answers so far did not use, and the Deps they were judged by. Files clang read
// for a parsed unit (tu_deps) are always used.
func (ix *Index) UnusedFiles(ctx context.Context) ([]string, Deps, error) {
	d := ix.Deps()
	ix.lazyMu.Lock()
	err := ix.textIndex()
	t := ix.text
	ix.lazyMu.Unlock()
	if err != nil {
		return nil, d, err
	}
	used := usedFiles(t, d)
	rows, err := ix.db.QueryContext(ctx, `SELECT tu, file FROM tu_deps`)
	if err != nil {
		return nil, d, err
	}
	defer rows.Close()
	parsed := map[string]bool{}
	for _, u := range d.Units {
		parsed[u] = true
	}
	for rows.Next() {
		var tu, f string
		if err := rows.Scan(&tu, &f); err != nil {
			return nil, d, err
		}
		if parsed[tu] || d.Complete {
			used[filepath.ToSlash(f)] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, d, err
	}
	var out []string
	for _, f := range t.files {
		if !used[f] {
			out = append(out, f)
		}
	}
	return out, d, nil
}

// CheckUnused rescans the repository's current text and returns the files of unused (an
// earlier UnusedFiles answer for d) that the same queries would now use: a file that
// started to mention a queried name, or to include a file that does. Empty means the
// earlier extraction's result still holds for the current files.
func CheckUnused(repo string, cflags []string, d Deps, unused []string) ([]string, error) {
	abs, err := filepath.Abs(repo)
	if err != nil {
		return nil, err
	}
	units, err := listUnits(abs)
	if err != nil {
		return nil, err
	}
	t, err := buildTextIndex(abs, units, cflags)
	if err != nil {
		return nil, err
	}
	used := usedFiles(t, d)
	var bad []string
	for _, f := range unused {
		if used[f] {
			bad = append(bad, f)
		}
	}
	return bad, nil
}

// usedFiles computes the files the queries of d depend on in the text index t.
func usedFiles(t *textIndex, d Deps) map[string]bool {
	used := map[string]bool{}
	seedUnits := map[int]bool{}
	all := d.Complete
	addUnits := func(files []int) {
		for _, f := range files {
			used[t.files[f]] = true
		}
		us, every := t.unitsReaching(files)
		if every {
			all = true
		}
		for _, u := range us {
			seedUnits[t.id[u]] = true
		}
	}
	for _, n := range d.Names {
		addUnits(t.idents[n])
	}
	for _, f := range d.Files {
		if i, ok := t.id[f]; ok {
			addUnits([]int{i})
		}
	}
	for _, u := range d.Units {
		if i, ok := t.id[u]; ok {
			seedUnits[i] = true
		}
	}
	if all {
		for _, u := range t.units {
			seedUnits[u] = true
		}
	}
	// Everything a seed unit may include, downwards through the over-approximated include
	// graph; files assumed included by every unit too.
	includes := make([][]int, len(t.files))
	for j, ins := range t.includers {
		for _, i := range ins {
			includes[i] = append(includes[i], j)
		}
	}
	var queue []int
	for u := range seedUnits {
		queue = append(queue, u)
	}
	if len(seedUnits) > 0 {
		for i, every := range t.everyUnit {
			if every {
				queue = append(queue, i)
			}
		}
	}
	done := make([]bool, len(t.files))
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		if done[i] {
			continue
		}
		done[i] = true
		used[t.files[i]] = true
		queue = append(queue, includes[i]...)
	}
	return used
}
