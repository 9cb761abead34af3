package index

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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

// startEntryAbove is the size of a repository's C text (its .c and .h files) from which
// StartEntry parses the entry's units beside the textual prefilter instead of after it: the
// scan runs at about 25 MB/s here, so a repository carrying a vmlinux.h (3 MB) spends over
// 0.1 s on it before clang could start, and its units are too big for the prefetch of
// related units to matter as much.
const startEntryAbove = 1 << 20

// pendingParse is a parse started in the background; results is written before done closes.
type pendingParse struct {
	units   []string
	done    chan struct{}
	results []parsed
}

// StartEntry starts parsing, in the background, the units an extraction's first query will
// ask for: the entry's file when it is a unit, else the units whose text mentions the entry's
// name (at most cfront.MaxBatch), when the repository's C text is large enough that building
// the textual prefilter first would keep clang waiting (startEntryAbove). Like prefetched
// units, their results are held until a query needs them; a lazy index only.
func (ix *Index) StartEntry(ctx context.Context, file, name string) {
	ix.lazyMu.Lock()
	defer ix.lazyMu.Unlock()
	if !ix.opts.Lazy || ix.complete || ix.text != nil {
		return
	}
	all, size, err := walkRepo(ix.repo, true)
	if err != nil {
		return
	}
	ix.walked = all
	if size < startEntryAbove {
		return
	}
	var units []string
	switch {
	case file != "":
		if i := sort.SearchStrings(ix.units, file); i < len(ix.units) && ix.units[i] == file {
			units = []string{file}
		}
	case name != "":
		for _, u := range ix.units {
			if b, err := os.ReadFile(filepath.Join(ix.repo, u)); err == nil && mentionsWord(b, name) {
				units = append(units, u)
			}
		}
	}
	if len(units) == 0 || len(units) > cfront.MaxBatch {
		return
	}
	p := &pendingParse{units: units, done: make(chan struct{})}
	ix.pending = append(ix.pending, p)
	go func() {
		defer close(p.done)
		results, _, err := ix.runClang(ctx, units, nil)
		if err == nil {
			p.results = results
		}
	}()
}

// awaitPending waits for a background parse of unit, if one is running, and holds its
// results (called with lazyMu held).
func (ix *Index) awaitPending(unit string) {
	for i, p := range ix.pending {
		for _, u := range p.units {
			if u != unit {
				continue
			}
			<-p.done
			for _, r := range p.results {
				if r.fatal == nil && !ix.fresh[r.unit] {
					ix.prefetched[r.unit] = r
				}
			}
			ix.pending = append(ix.pending[:i], ix.pending[i+1:]...)
			return
		}
	}
}

// mentionsWord reports whether text holds word as a whole identifier.
func mentionsWord(text []byte, word string) bool {
	isID := func(c byte) bool {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	w := []byte(word)
	for off := 0; ; {
		i := bytes.Index(text[off:], w)
		if i < 0 {
			return false
		}
		i += off
		if (i == 0 || !isID(text[i-1])) && (i+len(w) == len(text) || !isID(text[i+len(w)])) {
			return true
		}
		off = i + 1
	}
}
