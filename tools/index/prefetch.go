package index

import (
	"sort"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// Prefetching. A clang run costs about 0.1 s of start-up, more than parsing a small unit,
// and cfront.ParseUnits gives several units one run: a unit added to a run costs a third of
// a unit parsed alone. So when a query parses units, the units its later queries will
// likely parse too go into the same run, as optional extras. Their results are held in
// memory, not stored: a query that asks for one of them takes its result instead of running
// clang; a unit never asked for is never stored, and no answer (nor the Deps of
// UnusedFiles) depends on it, so prefetching changes when clang runs, never what the index
// answers. A batch that fails (some unit clang rejects) drops its extras.

// related returns the units likely to be parsed for names the files unit may enter mention
// at file scope (a prototype, an extern declaration, a field) but none of them defines: the
// units whose text defines such a name at file scope, not static (the units that can
// provide a definition to another unit). Sorted.
func (t *textIndex) related(unit string) []string {
	fi, ok := t.id[unit]
	if !ok {
		return nil
	}
	if t.includes == nil {
		t.includes = make([][]int, len(t.files))
		for j, from := range t.includers {
			for _, i := range from {
				t.includes[i] = append(t.includes[i], j)
			}
		}
	}
	reach := make([]bool, len(t.files))
	queue := []int{fi}
	reach[fi] = true
	for i, every := range t.everyUnit {
		if every && !reach[i] {
			reach[i] = true
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		for _, g := range t.includes[f] {
			if !reach[g] {
				reach[g] = true
				queue = append(queue, g)
			}
		}
	}
	isUnit := make([]bool, len(t.files))
	for _, u := range t.units {
		isUnit[u] = true
	}
	out := map[int]bool{}
	consider := func(name string) {
		var providers []int
		for _, sites := range [][]textSite{t.funcSites[name], t.varSites[name]} {
			for _, s := range sites {
				if reach[s.file] {
					return // the unit sees a definition
				}
				if !s.static && isUnit[s.file] {
					providers = append(providers, s.file)
				}
			}
		}
		if len(providers) == 0 {
			return
		}
		for _, f := range t.defIdents[name] {
			if reach[f] {
				for _, p := range providers {
					out[p] = true
				}
				return
			}
		}
	}
	for name := range t.funcSites {
		consider(name)
	}
	for name := range t.varSites {
		if _, done := t.funcSites[name]; !done {
			consider(name)
		}
	}
	var units []string
	for f := range out {
		units = append(units, t.files[f])
	}
	sort.Strings(units)
	return units
}

// prefetchFor returns the extras to parse with run (related units that are not fresh, not
// held and not in run), or none when they would not fit in one batch with run.
func (ix *Index) prefetchFor(run []string) []string {
	if ix.text == nil || len(run) >= cfront.MaxBatch {
		return nil
	}
	if ix.predicted == nil {
		ix.predicted = map[string]bool{}
	}
	skip := map[string]bool{}
	for _, u := range run {
		skip[u] = true
	}
	var out []string
	for _, u := range run {
		if ix.predicted[u] {
			continue
		}
		ix.predicted[u] = true
		for _, p := range ix.text.related(u) {
			if _, held := ix.prefetched[p]; !skip[p] && !ix.fresh[p] && !held {
				skip[p] = true
				out = append(out, p)
			}
		}
	}
	if len(run)+len(out) > cfront.MaxBatch {
		return nil
	}
	sort.Strings(out)
	return out
}
