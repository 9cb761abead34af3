package index

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
)

// Lazy indexing (Options.Lazy) parses a unit only when a query needs it.
// Which units a query needs is found by a textual prefilter over the
// repository's files, and clang stays the judge: a unit is a candidate for
// a name when the name occurs as an identifier (outside comments and
// literals) in the .c file or in a file it may include. "May include" is a
// textual #include scan that matches targets by base name, so it
// over-approximates; a computed include (#include MACRO) may include any
// file, and a file that no scanned file includes but that a system header
// may reach through an include directory of the flags (its name there is
// top-level or below a system directory such as linux/ or asm/:
// cfront.MaybeSystemReached), or that is forced with -include/-imacros, is
// assumed included by every unit.
//
// Query results are restricted to the candidate units of the query plus
// the units read through Unit, so that they depend on the repository only,
// not on which units earlier runs happened to store. Names that exist only
// through token pasting (a##b) are not seen by the prefilter; Complete
// parses every unit and lifts the restriction.

// ensure parses the units of list that are not up to date.
func (ix *Index) ensure(ctx context.Context, list []string) error {
	var todo []string
	for _, u := range list {
		if !ix.fresh[u] {
			todo = append(todo, u)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	sort.Strings(todo)
	// Units parsed ahead (prefetch.go) are taken as they are; the others are parsed with
	// the units their text says later queries will likely need.
	var ready []parsed
	var run []string
	for _, u := range todo {
		ix.awaitPending(u)
		if r, ok := ix.prefetched[u]; ok {
			ready = append(ready, r)
			delete(ix.prefetched, u)
		} else {
			run = append(run, u)
		}
	}
	if len(run) > 0 {
		results, extras, err := ix.runClang(ctx, run, ix.prefetchFor(run))
		if err != nil {
			return err
		}
		for _, r := range extras {
			ix.prefetched[r.unit] = r
		}
		ready = append(ready, results...)
	}
	return ix.commit(ctx, ready, nil)
}

// Complete parses every unit that is not up to date and lifts the
// restriction of lazy queries: afterwards the index answers as if Open had
// indexed the whole repository.
func (ix *Index) Complete(ctx context.Context) error {
	ix.lazyMu.Lock()
	defer ix.lazyMu.Unlock()
	return ix.completeLocked(ctx)
}

func (ix *Index) completeLocked(ctx context.Context) error {
	if ix.complete {
		return nil
	}
	if err := ix.ensure(ctx, ix.units); err != nil {
		return err
	}
	ix.complete = true
	return nil
}

// scope parses the units a query about name (or, with file set, about the
// units entering file) may need and returns the units whose rows the query
// may return; nil means every unit.
func (ix *Index) scope(ctx context.Context, name, file string) (map[string]bool, error) {
	ix.lazyMu.Lock()
	defer ix.lazyMu.Unlock()
	ix.record(name, file)
	if ix.complete {
		return nil, nil
	}
	if err := ix.textIndex(); err != nil {
		return nil, err
	}
	var units []string
	var all bool
	if file != "" {
		units, all = ix.text.entering(file)
	} else {
		covered, err := ix.coveredDefinition(ctx, name)
		if err != nil {
			return nil, err
		}
		if covered {
			in := map[string]bool{}
			for u := range ix.fresh {
				in[u] = true
			}
			for u := range ix.loaded {
				in[u] = true
			}
			return in, nil
		}
		units, all = ix.text.mentioning(name)
	}
	if all {
		return nil, ix.completeLocked(ctx)
	}
	if err := ix.ensure(ctx, units); err != nil {
		return nil, err
	}
	in := map[string]bool{}
	for _, u := range units {
		in[u] = true
	}
	for u := range ix.loaded {
		in[u] = true
	}
	return in, nil
}

// textIndex builds the textual prefilter on first use.
func (ix *Index) textIndex() error {
	if ix.text != nil {
		return nil
	}
	all := ix.walked
	if all == nil {
		var err error
		if all, _, err = walkRepo(ix.repo, false); err != nil {
			return err
		}
	}
	t, err := buildTextIndexOf(ix.repo, all, ix.units, ix.opts.CFlags)
	if err != nil {
		return err
	}
	ix.text = t
	return nil
}

// coveredDefinition reports whether the units parsed so far define name and entered every file
// that may define it (name outside function bodies: scanText). Another unit that mentions
// name (calls it, say) can then find a definition only in those same files: clang could show
// it no definition in another place, only the same text under that unit's own macros (a
// header's #if branch the parsed units compiled out), which the extraction, working in the
// entry's unit, cannot use. Parsing it is skipped: with a shared header of helpers, every
// program of a project calls the helpers, and finding a helper's definition parsed every
// program.
func (ix *Index) coveredDefinition(ctx context.Context, name string) (bool, error) {
	mentions := ix.text.defIdents[name]
	if len(mentions) == 0 || len(ix.fresh) == 0 {
		return false, nil
	}
	entered, parsed, err := ix.parsedEntered(ctx)
	if err != nil {
		return false, err
	}
	for _, f := range mentions {
		if !entered[ix.text.files[f]] {
			return false, nil
		}
	}
	q := `SELECT count(*) FROM symbols WHERE name = ? AND is_definition = 1 AND tu IN (?` + strings.Repeat(",?", len(parsed)-1) + `)`
	args := []any{name}
	for _, u := range parsed {
		args = append(args, u)
	}
	var n int
	if err := ix.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return false, err
	}
	return n > 0, nil
}

// parsedEntered returns the files the fresh units entered (themselves included) and those
// units, sorted.
func (ix *Index) parsedEntered(ctx context.Context) (map[string]bool, []string, error) {
	var parsed []string
	for u := range ix.fresh {
		parsed = append(parsed, u)
	}
	sort.Strings(parsed)
	if ix.enteredFor == strings.Join(parsed, "\x00") && ix.enteredFiles != nil {
		return ix.enteredFiles, parsed, nil
	}
	entered := map[string]bool{}
	for _, u := range parsed {
		entered[u] = true
		rows, err := ix.db.QueryContext(ctx, `SELECT file FROM tu_deps WHERE tu = ?`, u)
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			var f string
			if err := rows.Scan(&f); err != nil {
				rows.Close()
				return nil, nil, err
			}
			entered[filepath.ToSlash(f)] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	ix.enteredFiles, ix.enteredFor = entered, strings.Join(parsed, "\x00")
	return entered, parsed, nil
}

// DefinitionSites answers where name is defined as a kind ("function", or a variable kind:
// "map", "var"), for a report that does not choose among the definitions (a
// duplicate-definition note), without parsing more units: the definitions clang found in the
// units parsed so far, and for the files none of them entered, the lines whose text defines a
// function, or a variable, of that name at file scope (a textual scan: such a Symbol has no
// TU, and may lie in a branch of #if that no build compiles). A full index answers as
// Definitions.
func (ix *Index) DefinitionSites(ctx context.Context, name, kind string) ([]Symbol, error) {
	ix.lazyMu.Lock()
	lazy := !ix.complete
	if lazy {
		ix.record(name, "")
		if err := ix.textIndex(); err != nil {
			ix.lazyMu.Unlock()
			return nil, err
		}
	}
	ix.lazyMu.Unlock()
	if !lazy {
		return ix.Definitions(ctx, name, kind)
	}
	ix.lazyMu.Lock()
	defer ix.lazyMu.Unlock()
	entered, parsed, err := ix.parsedEntered(ctx)
	if err != nil {
		return nil, err
	}
	var out []Symbol
	if len(parsed) > 0 {
		q := `SELECT name, kind, file, start_line, end_line, tu, is_definition, storage, section, signature, weak
		      FROM symbols WHERE name = ? AND is_definition = 1 AND kind = ? AND tu IN (?` + strings.Repeat(",?", len(parsed)-1) + `)
		      ORDER BY file, start_line, tu`
		args := []any{name, kind}
		for _, u := range parsed {
			args = append(args, u)
		}
		rows, err := ix.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		syms, err := scanSymbols(rows, nil)
		rows.Close()
		if err != nil {
			return nil, err
		}
		out = syms
	}
	sites := ix.text.varSites[name]
	if kind == "function" {
		sites = ix.text.funcSites[name]
	}
	for _, s := range sites {
		if f := ix.text.files[s.file]; !entered[f] {
			out = append(out, Symbol{Name: name, Kind: kind, File: f, StartLine: s.line, EndLine: s.line, IsDefinition: true})
		}
	}
	return out, nil
}
