package index

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/maptype"
)

// Units returns the repository's translation units, sorted.
func (ix *Index) Units() []string { return append([]string(nil), ix.units...) }

// UnitError is returned for a unit clang rejected.
type UnitError struct {
	Unit   string
	Output string
}

func (e *UnitError) Error() string { return strings.TrimSpace(e.Output) }

// Unit returns the model of a translation unit.
func (ix *Index) Unit(ctx context.Context, unit string) (*cfront.TU, error) {
	ix.lazyMu.Lock()
	if !ix.complete {
		for _, u := range ix.units {
			if u != unit {
				continue
			}
			if err := ix.ensure(ctx, []string{unit}); err != nil {
				ix.lazyMu.Unlock()
				return nil, err
			}
			ix.loaded[unit] = true
		}
	}
	ix.lazyMu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if tu, ok := ix.models[unit]; ok {
		return tu, nil
	}
	var status, msg string
	var model []byte
	err := ix.db.QueryRowContext(ctx, `SELECT status, error, model FROM files WHERE path = ?`, unit).Scan(&status, &msg, &model)
	if err != nil {
		return nil, fmt.Errorf("%s: not a translation unit of the repository", unit)
	}
	if status != "ok" {
		return nil, &UnitError{Unit: unit, Output: msg}
	}
	tu := &cfront.TU{}
	if err := json.Unmarshal(model, tu); err != nil {
		return nil, fmt.Errorf("index model of %s: %w", unit, err)
	}
	ix.models[unit] = tu
	return tu, nil
}

// Symbol is one row of the symbols table.
type Symbol struct {
	Name, Kind, File      string
	StartLine, EndLine    int
	TU                    string
	IsDefinition          bool
	Storage, Section, Sig string
	Weak                  bool
}

// Definitions returns the definitions of name (of the given kind, or any
// kind when empty) in every unit, ordered by file, line and unit. A lazy
// index answers from the units that may see name (see lazy.go).
func (ix *Index) Definitions(ctx context.Context, name, kind string) ([]Symbol, error) {
	in, err := ix.scope(ctx, name, "")
	if err != nil {
		return nil, err
	}
	q := `SELECT name, kind, file, start_line, end_line, tu, is_definition, storage, section, signature, weak
	      FROM symbols WHERE name = ? AND is_definition = 1`
	args := []any{name}
	if kind != "" {
		q += ` AND kind = ?`
		args = append(args, kind)
	}
	q += ` ORDER BY file, start_line, tu`
	rows, err := ix.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanSymbols(rows, in)
}

// scanSymbols reads symbol rows, keeping those of units in (all when nil).
func scanSymbols(rows *sql.Rows, in map[string]bool) ([]Symbol, error) {
	var out []Symbol
	for rows.Next() {
		var s Symbol
		if err := rows.Scan(&s.Name, &s.Kind, &s.File, &s.StartLine, &s.EndLine, &s.TU, &s.IsDefinition, &s.Storage, &s.Section, &s.Sig, &s.Weak); err != nil {
			return nil, err
		}
		if in == nil || in[s.TU] {
			out = append(out, s)
		}
	}
	return out, rows.Err()
}

// FailedUnits returns units clang rejected with the first line of the error.
func (ix *Index) FailedUnits(ctx context.Context) (map[string]string, error) {
	if err := ix.Complete(ctx); err != nil {
		return nil, err
	}
	rows, err := ix.db.QueryContext(ctx, `SELECT path, error FROM files WHERE status != 'ok' ORDER BY path`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var p, e string
		if err := rows.Scan(&p, &e); err != nil {
			return nil, err
		}
		out[p] = e
	}
	return out, rows.Err()
}

// MapTypeName names map type t using the unit's enum bpf_map_type.
func MapTypeName(tu *cfront.TU, t int) string {
	if n, ok := tu.MapTypes[t]; ok {
		return n
	}
	return maptype.Name(t)
}

// ClangVersion returns the version line of the clang the index was built with.
func (ix *Index) ClangVersion() string {
	if err := ix.ensureClangVersion(context.Background(), nil); err != nil {
		return ""
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.version
}

// Object returns a cached build output stored under key, if any.
func (ix *Index) Object(ctx context.Context, key string) ([]byte, bool) {
	var data []byte
	if err := ix.db.QueryRowContext(ctx, `SELECT data FROM objects WHERE key = ?`, key).Scan(&data); err != nil {
		return nil, false
	}
	return data, true
}

// StoreObject caches a build output under key.
func (ix *Index) StoreObject(ctx context.Context, key string, data []byte) error {
	_, err := ix.db.ExecContext(ctx, `INSERT OR REPLACE INTO objects(key, data) VALUES (?, ?)`, key, data)
	return err
}

// Includers returns the units, other than file itself, whose build entered
// the project file file, sorted.
func (ix *Index) Includers(ctx context.Context, file string) ([]string, error) {
	in, err := ix.scope(ctx, "", file)
	if err != nil {
		return nil, err
	}
	rows, err := ix.db.QueryContext(ctx, `SELECT DISTINCT tu FROM tu_deps WHERE file = ? AND tu != ? ORDER BY tu`, file, file)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if in == nil || in[s] {
			out = append(out, s)
		}
	}
	return out, rows.Err()
}

// FunctionsAt returns the function definitions spanning file:line in every
// unit, ordered by unit.
func (ix *Index) FunctionsAt(ctx context.Context, file string, line int) ([]Symbol, error) {
	in, err := ix.scope(ctx, "", file)
	if err != nil {
		return nil, err
	}
	rows, err := ix.db.QueryContext(ctx, `SELECT name, kind, file, start_line, end_line, tu, is_definition, storage, section, signature, weak
	      FROM symbols WHERE file = ? AND kind = 'function' AND is_definition = 1 AND start_line <= ? AND end_line >= ?
	      ORDER BY tu, start_line`, file, line, line)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanSymbols(rows, in)
}
