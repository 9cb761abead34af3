package index

import (
	"context"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	_ "github.com/mattn/go-sqlite3"

	"github.com/opened-ebpf/opened/tools/internal/cflags"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

//go:embed schema.sql
var schema string

// schemaVersion changes whenever the schema or the unit model changes.
const schemaVersion = "18"

// Options says what to index and how.
type Options struct {
	// Repo is the repository root.
	Repo string
	// CFlags are passed to clang for every unit; Open refuses flags outside the policy of
	// package cflags unless UnsafeCFlags.
	CFlags []string
	// UnsafeCFlags passes CFlags unchecked (the CLI's documented --unsafe-cflags).
	UnsafeCFlags bool
	// Clang is the clang binary ("clang" when empty).
	Clang string
	// DB is the sqlite file; created when missing.
	DB string
	// Cache says DB is OPENED's default per-repository cache: a corrupt one is deleted and
	// rebuilt (with a Note) instead of refused.
	Cache bool
	// Lazy makes Open parse nothing: each query first parses the units it
	// may need (see lazy.go). Without it Open brings every unit up to date.
	Lazy bool
}

// Stats reports what Update did.
type Stats struct {
	Units  int // translation units in the repository
	Parsed int // units (re-)parsed by clang
	Failed int // units clang rejected
	// Note, when not empty, tells the user something Open did on its own (a corrupt cache
	// database rebuilt).
	Note string
}

// Index is an open, up-to-date index.
type Index struct {
	db    *sql.DB
	opts  Options
	repo  string
	Stats Stats

	mu      sync.Mutex
	models  map[string]*cfront.TU
	units   []string
	version string // clang's version line, "" until known (ensureClangVersion)
	clangID string // the clang binary's identity, the meta key of its version

	// Lazy mode (see lazy.go).
	lazyMu   sync.Mutex
	hash     *hasher         // file hashes of this run
	fresh    map[string]bool // units whose stored rows are up to date
	complete bool            // every unit is fresh and queries are not restricted
	text     *textIndex      // built on first use
	loaded   map[string]bool // units read through Unit
	queried  map[string]bool // names queries asked about (deps.go)
	entered  map[string]bool // files queries asked about the units entering (deps.go)
	// Units parsed ahead of the queries that need them, not stored (prefetch.go), and the
	// units whose related units were predicted.
	prefetched map[string]parsed
	predicted  map[string]bool
	pending    []*pendingParse // background parses (StartEntry)
	walked     []string        // the repository's files, when StartEntry listed them
	// Files the fresh units entered (coveredDefinition), for the fresh units named by enteredFor.
	enteredFiles map[string]bool
	enteredFor   string
}

// Open opens (creating if needed) the index at opts.DB and brings it up to
// date with the repository.
func Open(ctx context.Context, opts Options) (*Index, error) {
	repo, err := filepath.Abs(opts.Repo)
	if err != nil {
		return nil, err
	}
	if opts.Clang, err = cfront.ResolveClang(opts.Clang); err != nil {
		return nil, err
	}
	if _, err := cflags.Parse(opts.CFlags, cflags.Options{Unsafe: opts.UnsafeCFlags}); err != nil {
		return nil, fmt.Errorf("cflags: %w", err)
	}
	st, err := os.Stat(repo)
	if err != nil {
		return nil, fmt.Errorf("repository: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("repository %s: not a directory", opts.Repo)
	}
	db, note, err := openDB(ctx, opts.DB, opts.Cache)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", opts.DB, err)
	}
	ix := &Index{db: db, opts: opts, repo: repo, Stats: Stats{Note: note}, models: map[string]*cfront.TU{}, fresh: map[string]bool{}, loaded: map[string]bool{}, prefetched: map[string]parsed{}}
	if err := ix.update(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return ix, nil
}

// migrate creates the schema, dropping an index written by another schema version.
func migrate(ctx context.Context, db *sql.DB) error {
	var v string
	_ = db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema'`).Scan(&v)
	if v != schemaVersion {
		for _, t := range []string{"meta", "files", "tu_deps", "symbols", "calls", "refs", "map_uses", "helper_calls", "maps", "objects"} {
			if _, err := db.ExecContext(ctx, `DROP TABLE IF EXISTS `+t); err != nil {
				return err
			}
		}
	}
	if _, err := db.ExecContext(ctx, schema); err != nil {
		return err
	}
	if err := mark(ctx, db); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, `INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?)`, schemaVersion)
	return err
}

// Close closes the database.
// Close waits for the parses StartEntry left running (their clang runs and temporary files
// end with them) and closes the database.
func (ix *Index) Close() error {
	ix.lazyMu.Lock()
	for _, p := range ix.pending {
		<-p.done
	}
	ix.pending = nil
	ix.lazyMu.Unlock()
	return ix.db.Close()
}

// Repo returns the absolute repository root.
func (ix *Index) Repo() string { return ix.repo }

func (ix *Index) meta(ctx context.Context, key string) string {
	var v string
	_ = ix.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	return v
}

// units lists the .c files of the repository, sorted.
func listUnits(repo string) ([]string, error) {
	var out []string
	// A repository vendored as a symbolic link to a directory is walked through the link.
	if r, err := filepath.EvalSymlinks(repo); err == nil {
		repo = r
	}
	err := filepath.WalkDir(repo, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != repo && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "bazel-")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".c") {
			r, _ := filepath.Rel(repo, p)
			out = append(out, filepath.ToSlash(r))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

type hasher struct {
	repo string
	mu   sync.Mutex
	m    map[string]string
}

func (h *hasher) hash(rel string) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if v, ok := h.m[rel]; ok {
		return v
	}
	b, err := os.ReadFile(filepath.Join(h.repo, rel))
	v := "missing"
	if err == nil {
		s := sha256.Sum256(b)
		v = hex.EncodeToString(s[:])
	}
	h.m[rel] = v
	return v
}

func unitKey(base string, deps map[string]string) string {
	var names []string
	for k := range deps {
		names = append(names, k)
	}
	sort.Strings(names)
	h := sha256.New()
	h.Write([]byte(schemaVersion + "\x00" + base + "\x00"))
	for _, n := range names {
		h.Write([]byte(n + "\x00" + deps[n] + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

type parsed struct {
	unit  string
	tu    *cfront.TU
	err   string
	deps  map[string]string
	key   string
	sha   string
	fatal error
}

func (ix *Index) update(ctx context.Context) error {
	id, version, err := ix.cachedClangVersion(ctx)
	if err != nil {
		return err
	}
	ix.clangID, ix.version = id, version
	units, err := listUnits(ix.repo)
	if err != nil {
		return err
	}
	ix.units = units
	h := &hasher{repo: ix.repo, m: map[string]string{}}
	ix.hash = h

	// Stored keys and dependencies.
	stored := map[string]string{}
	rows, err := ix.db.QueryContext(ctx, `SELECT path, key FROM files`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p, k string
		if err := rows.Scan(&p, &k); err != nil {
			rows.Close()
			return err
		}
		stored[p] = k
	}
	rows.Close()
	deps := map[string]map[string]string{}
	rows, err = ix.db.QueryContext(ctx, `SELECT tu, file FROM tu_deps`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var tu, f string
		if err := rows.Scan(&tu, &f); err != nil {
			rows.Close()
			return err
		}
		if deps[tu] == nil {
			deps[tu] = map[string]string{}
		}
		deps[tu][f] = ""
	}
	rows.Close()
	var base string
	if len(stored) > 0 {
		// Stored keys are compared below: the version must be known now.
		if err := ix.ensureClangVersion(ctx, nil); err != nil {
			return err
		}
		base = ix.baseKey()
	}

	var todo []string
	present := map[string]bool{}
	for _, u := range units {
		present[u] = true
		d := map[string]string{u: h.hash(u)}
		for f := range deps[u] {
			d[f] = h.hash(f)
		}
		if k, ok := stored[u]; !ok || k != unitKey(base, d) {
			todo = append(todo, u)
		}
	}
	var gone []string
	for p := range stored {
		if !present[p] {
			gone = append(gone, p)
		}
	}
	sort.Strings(gone)
	ix.Stats.Units = len(units)
	stale := map[string]bool{}
	for _, u := range todo {
		stale[u] = true
	}
	for _, u := range units {
		if !stale[u] {
			ix.fresh[u] = true
		}
	}
	if ix.opts.Lazy {
		// Forget removed and out-of-date units; queries parse what they need.
		var drop []string
		for _, u := range todo {
			if _, ok := stored[u]; ok {
				drop = append(drop, u)
			}
		}
		return ix.store(ctx, append(gone, drop...), nil)
	}
	ix.complete = true
	return ix.parse(ctx, todo, gone)
}

// parse parses units with clang, in parallel, and replaces their rows and
// those of the removed units gone.
func (ix *Index) parse(ctx context.Context, todo, gone []string) error {
	if len(todo) == 0 && len(gone) == 0 {
		return ix.countFailed(ctx)
	}
	results, _, err := ix.runClang(ctx, todo, nil)
	if err != nil {
		return err
	}
	return ix.commit(ctx, results, gone)
}

// runClang parses todo, and the optional extras when they fit (prefetch.go): units go to
// clang in batches (cfront.ParseUnits: one process per kind of output for several units),
// each batch's two runs side by side, NumCPU batches at a time (as many clang processes as
// when each unit had its own two: a batch's AST run outlasts its preprocessor run, and its
// models are built after clang ends, so fewer would leave CPUs idle). It returns the results of
// todo and those of the extras clang got to (not those of a failed batch).
func (ix *Index) runClang(ctx context.Context, todo, extras []string) ([]parsed, []parsed, error) {
	h := ix.hash
	all := append(append([]string{}, todo...), extras...)
	results := make([]parsed, len(all))
	copts := cfront.Options{Clang: ix.opts.Clang, Repo: ix.repo, CFlags: ix.opts.CFlags}
	batches := parseBatches(len(all), runtime.NumCPU())
	sem := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	var fatalMu sync.Mutex
	var fatal error
	for _, b := range batches {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			optional := max(0, hi-max(lo, len(todo)))
			tus, errs, err := cfront.ParseUnits(ctx, copts, all[lo:hi], optional)
			if err != nil {
				fatalMu.Lock()
				fatal = err
				fatalMu.Unlock()
				return
			}
			for k, u := range all[lo:hi] {
				if tus[k] == nil && errs[k] == nil {
					continue // an extra left out by a failed batch
				}
				r := parsed{unit: u, sha: h.hash(u), deps: map[string]string{u: h.hash(u)}}
				var ce *cfront.ClangError
				switch err := errs[k]; {
				case err == nil:
					r.tu = tus[k]
					for _, inc := range r.tu.Includes {
						if !inc.System {
							r.deps[inc.To] = h.hash(inc.To)
						}
					}
				case errors.As(err, &ce):
					r.err = ce.Error()
				default:
					r.fatal = err
				}
				results[lo+k] = r
			}
		}(b[0], b[1])
	}
	wg.Wait()
	if fatal != nil {
		return nil, nil, fatal
	}
	var got []parsed
	for _, r := range results[len(todo):] {
		if r.unit != "" && r.fatal == nil {
			got = append(got, r)
		}
	}
	return results[:len(todo)], got, nil
}

// commit stores parse results (with the rows of the removed units gone dropped), in unit
// order.
func (ix *Index) commit(ctx context.Context, results []parsed, gone []string) error {
	sort.Slice(results, func(i, j int) bool { return results[i].unit < results[j].unit })
	tus := make([]*cfront.TU, 0, len(results))
	var units []string
	for _, r := range results {
		if r.fatal != nil {
			return r.fatal
		}
		tus = append(tus, r.tu)
		units = append(units, r.unit)
	}
	if err := ix.ensureClangVersion(ctx, tus); err != nil {
		return err
	}
	base := ix.baseKey()
	for i := range results {
		results[i].key = unitKey(base, results[i].deps)
	}
	return ix.store(ctx, append(append([]string{}, gone...), units...), results)
}

// parseBatches splits n units into ranges [lo, hi) for cfront.ParseUnits: as many batches
// as half the CPUs (each batch runs two clang processes side by side), or more when that
// would exceed cfront.MaxBatch units per batch, sizes differing by at most one.
func parseBatches(n, cpus int) [][2]int {
	if n == 0 {
		return nil
	}
	k := max(1, cpus/2)
	if m := (n + cfront.MaxBatch - 1) / cfront.MaxBatch; m > k {
		k = m
	}
	k = min(k, n)
	out := make([][2]int, 0, k)
	lo := 0
	for i := 0; i < k; i++ {
		hi := lo + (n-lo)/(k-i)
		out = append(out, [2]int{lo, hi})
		lo = hi
	}
	return out
}

// store deletes the rows of units drop and inserts the parse results.
func (ix *Index) store(ctx context.Context, drop []string, results []parsed) error {
	if len(drop) == 0 && len(results) == 0 {
		return ix.countFailed(ctx)
	}
	tx, err := ix.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, u := range drop {
		for _, t := range []string{"symbols", "calls", "refs", "map_uses", "helper_calls", "maps", "tu_deps"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE tu = ?`, u); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM files WHERE path = ?`, u); err != nil {
			return err
		}
	}
	st, err := prepareInserts(ctx, tx)
	if err != nil {
		return err
	}
	for _, r := range results {
		ix.Stats.Parsed++
		if err := insertUnit(ctx, tx, st, ix.repo, r); err != nil {
			return fmt.Errorf("index %s: %w", r.unit, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, r := range results {
		ix.fresh[r.unit] = true
	}
	return ix.countFailed(ctx)
}

// countFailed sets Stats.Failed: the stored units clang rejected.
func (ix *Index) countFailed(ctx context.Context) error {
	var failed int
	_ = ix.db.QueryRowContext(ctx, `SELECT count(*) FROM files WHERE status != 'ok'`).Scan(&failed)
	ix.Stats.Failed = failed
	return nil
}

func symKind(d *cfront.Decl) string {
	switch d.Kind {
	case "FunctionDecl":
		return "function"
	case "VarDecl":
		if d.Map != nil {
			return "map"
		}
		return "var"
	case "RecordDecl":
		return "type"
	case "TypedefDecl":
		return "typedef"
	case "EnumDecl":
		return "enum"
	}
	return strings.ToLower(d.Kind)
}

// Access classifies a helper's use of its map operand.
func Access(helper string) string {
	h := strings.TrimPrefix(helper, "bpf_")
	switch {
	case strings.Contains(h, "tail_call"):
		return "tail_call"
	case strings.Contains(h, "lookup") || strings.Contains(h, "peek"):
		return "read"
	case strings.Contains(h, "update") || strings.Contains(h, "delete") || strings.Contains(h, "push") ||
		strings.Contains(h, "pop") || strings.Contains(h, "output") || strings.Contains(h, "ringbuf") ||
		strings.Contains(h, "redirect"):
		return "write"
	}
	return "ref"
}

// inserts holds the prepared INSERT statements of one transaction.
type inserts struct {
	symbols, calls, refs, helperCalls, mapUses, maps *sql.Stmt
}

func prepareInserts(ctx context.Context, tx *sql.Tx) (*inserts, error) {
	st := &inserts{}
	for _, p := range []struct {
		s **sql.Stmt
		q string
	}{
		{&st.symbols, `INSERT INTO symbols VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`},
		{&st.calls, `INSERT INTO calls VALUES (?,?,?,?)`},
		{&st.refs, `INSERT INTO refs VALUES (?,?,?,?,?)`},
		{&st.helperCalls, `INSERT INTO helper_calls VALUES (?,?,?,?,?)`},
		{&st.mapUses, `INSERT INTO map_uses VALUES (?,?,?,?,?,?)`},
		{&st.maps, `INSERT INTO maps VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`},
	} {
		var err error
		if *p.s, err = tx.PrepareContext(ctx, p.q); err != nil {
			return nil, err
		}
	}
	return st, nil
}

func insertUnit(ctx context.Context, tx *sql.Tx, st *inserts, repo string, r parsed) error {
	status, model := "ok", []byte(nil)
	if r.tu == nil {
		status = "error"
	} else {
		var err error
		if model, err = json.Marshal(r.tu); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO files(path, sha256, key, status, error, model) VALUES (?,?,?,?,?,?)`,
		r.unit, r.sha, r.key, status, r.err, model); err != nil {
		return err
	}
	var files []string
	for f := range r.deps {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		if _, err := tx.ExecContext(ctx, `INSERT INTO tu_deps(tu, file, sha256) VALUES (?,?,?)`, r.unit, f, r.deps[f]); err != nil {
			return err
		}
	}
	tu := r.tu
	if tu == nil {
		return nil
	}
	for i := range tu.Decls {
		d := &tu.Decls[i]
		if d.Name == "" {
			continue
		}
		if _, err := st.symbols.ExecContext(ctx,
			d.Name, symKind(d), d.File, d.StartLine, d.EndLine, d.Begin, d.End, tu.File, d.IsDefinition,
			d.Storage, d.Section, d.Signature, d.Weak); err != nil {
			return err
		}
		for _, c := range d.EnumConsts {
			if _, err := st.symbols.ExecContext(ctx,
				c, "enum_const", d.File, d.StartLine, d.EndLine, d.Begin, d.End, tu.File, true, "", "", "", false); err != nil {
				return err
			}
		}
		for _, ref := range d.Refs {
			if ref.Call && ref.Kind == "FunctionDecl" {
				if _, err := st.calls.ExecContext(ctx, tu.File, d.Name, ref.Name, ref.Line); err != nil {
					return err
				}
				continue
			}
			if ref.Call {
				continue
			}
			kind := map[string]string{"VarDecl": "var", "EnumConstantDecl": "enum_const", "FunctionDecl": "function"}[ref.Kind]
			if _, err := st.refs.ExecContext(ctx, tu.File, d.Name, ref.Name, kind, ref.Line); err != nil {
				return err
			}
		}
		for _, hc := range d.HelperCalls {
			if _, err := st.helperCalls.ExecContext(ctx, tu.File, d.Name, hc.Helper, hc.ID, hc.Line); err != nil {
				return err
			}
			for _, m := range hc.Maps {
				if _, err := st.mapUses.ExecContext(ctx, tu.File, d.Name, m, Access(hc.Helper), hc.Helper, hc.Line); err != nil {
					return err
				}
			}
		}
		if m := d.Map; m != nil {
			inner := m.InnerType
			if len(m.Values) > 0 {
				inner = strings.Join(m.Values, ",")
			}
			if _, err := st.maps.ExecContext(ctx,
				tu.File, d.Name, d.File, d.StartLine, d.EndLine, m.Style, MapTypeName(tu, m.Type), m.KeyType, m.ValueType,
				m.KeySize, m.ValueSize, m.MaxEntries, m.Pinning, inner); err != nil {
				return err
			}
		}
	}
	// Type and macro uses, by identifiers in each declaration's text.
	types, macros := map[string]bool{}, map[string]bool{}
	for name, proj := range tu.Types {
		if proj {
			types[name] = true
		}
	}
	for _, m := range tu.Macros {
		if !m.Undef {
			macros[m.Name] = true
		}
	}
	srcs := map[string][]byte{}
	for i := range tu.Decls {
		d := &tu.Decls[i]
		if d.Name == "" {
			continue
		}
		src, ok := srcs[d.File]
		if !ok {
			src, _ = os.ReadFile(filepath.Join(repo, d.File))
			srcs[d.File] = src
		}
		if d.End > len(src) || d.Begin > d.End {
			continue
		}
		for _, id := range cfront.Identifiers(string(src[d.Begin:d.End])) {
			kind := ""
			switch {
			case id == d.Name:
			case types[id]:
				kind = "type"
			case macros[id]:
				kind = "macro"
			}
			if kind != "" {
				if _, err := st.refs.ExecContext(ctx, tu.File, d.Name, id, kind, d.StartLine); err != nil {
					return err
				}
			}
		}
	}
	for _, m := range tu.Macros {
		if m.Undef {
			continue
		}
		if _, err := st.symbols.ExecContext(ctx,
			m.Name, "macro", m.File, m.Line, m.EndLine, 0, 0, tu.File, true, "", "", "", false); err != nil {
			return err
		}
	}
	return nil
}
