package index

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/mattn/go-sqlite3"
)

// ApplicationID marks an OPENED index in the SQLite header (PRAGMA application_id): "OPEN".
const ApplicationID = 0x4F50454E

// userVersion is PRAGMA user_version of an index of this schema version.
var userVersion = func() int {
	n := 0
	fmt.Sscan(schemaVersion, &n)
	return n
}()

// ownTables are the tables an OPENED index holds; an unmarked database holding only these (and
// a schema entry in meta) is an index written before databases were marked.
var ownTables = map[string]bool{"meta": true, "files": true, "tu_deps": true, "symbols": true, "calls": true,
	"refs": true, "map_uses": true, "helper_calls": true, "maps": true, "objects": true}

// DBError is a database OPENED refuses to use; the file is left untouched.
type DBError struct {
	Path string
	Msg  string
}

func (e *DBError) Error() string { return fmt.Sprintf("%s: %s", e.Path, e.Msg) }

// openDB opens the index database at path, refusing files that are not OPENED indexes. A
// corrupt database is rebuilt only when cache is set (the default per-repository cache, whose
// content OPENED alone writes); note then says so.
func openDB(ctx context.Context, path string, cache bool) (db *sql.DB, note string, err error) {
	if err := checkWritable(path); err != nil {
		return nil, "", err
	}
	db, err = openMarked(ctx, path)
	if err == nil {
		return db, "", nil
	}
	var de *DBError
	if cache && errors.As(err, &de) && isCorrupt(de) {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if rerr := os.Remove(path + suffix); rerr != nil && !os.IsNotExist(rerr) {
				return nil, "", err
			}
		}
		db, err2 := openMarked(ctx, path)
		if err2 != nil {
			return nil, "", err2
		}
		return db, fmt.Sprintf("index cache %s was unreadable (%s); rebuilt it", path, de.Msg), nil
	}
	return nil, "", err
}

// corruptMsg starts the message of a database SQLite cannot read.
const corruptMsg = "not a readable SQLite database"

func isCorrupt(e *DBError) bool { return strings.HasPrefix(e.Msg, corruptMsg) }

// checkWritable gives a clear error for a database (or its directory) OPENED cannot write:
// SQLite reports these as "unable to open database file".
func checkWritable(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &DBError{Path: path, Msg: fmt.Sprintf("cannot create its directory: %v", unwrapPath(err))}
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return &DBError{Path: path, Msg: "is a directory, not an index database"}
	case err == nil:
		if err := syscall.Access(path, 2 /* W_OK */); err != nil {
			return &DBError{Path: path, Msg: fmt.Sprintf("index database is read-only (%v): pass a writable --db", err)}
		}
	case !os.IsNotExist(err):
		return &DBError{Path: path, Msg: unwrapPath(err).Error()}
	}
	// SQLite writes PATH-wal and PATH-shm beside the database.
	if err := syscall.Access(dir, 2|1 /* W_OK|X_OK */); err != nil {
		return &DBError{Path: path, Msg: fmt.Sprintf("directory %s is read-only (%v): pass a --db in a writable directory", dir, err)}
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// uriEscape escapes what SQLite's URI file names give a meaning to.
var uriEscape = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// openMarked opens path and checks its marks before anything is written.
func openMarked(ctx context.Context, path string) (*sql.DB, error) {
	// Read the header first without WAL mode: switching a foreign database to WAL would
	// already change it.
	probe, err := sql.Open("sqlite3", "file:"+uriEscape.Replace(path)+"?mode=rwc&_busy_timeout=10000")
	if err != nil {
		return nil, err
	}
	err = checkMarks(ctx, probe, path)
	probe.Close()
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", "file:"+uriEscape.Replace(path)+"?_journal_mode=WAL&_synchronous=NORMAL&_busy_timeout=10000")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, sqliteError(path, err)
	}
	return db, nil
}

// checkMarks accepts an empty database, an OPENED index, or an unmarked database holding only
// an index's tables; anything else is another application's and is refused.
func checkMarks(ctx context.Context, db *sql.DB, path string) error {
	var app int64
	if err := db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&app); err != nil {
		return sqliteError(path, err)
	}
	if app == ApplicationID {
		return nil
	}
	if app != 0 {
		return &DBError{Path: path, Msg: fmt.Sprintf("not an OPENED index (SQLite application_id %#x); refusing to change it: choose another --db", app)}
	}
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return sqliteError(path, err)
	}
	var foreign []string
	n := 0
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return sqliteError(path, err)
		}
		n++
		if !ownTables[name] {
			foreign = append(foreign, name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sqliteError(path, err)
	}
	if n == 0 {
		return nil // empty or new: ours to create
	}
	if len(foreign) > 0 {
		return &DBError{Path: path, Msg: fmt.Sprintf("not an OPENED index (it has table %s); refusing to change it: choose another --db", foreign[0])}
	}
	var v string
	if err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema'`).Scan(&v); err != nil {
		return &DBError{Path: path, Msg: "not an OPENED index (no schema entry); refusing to change it: choose another --db"}
	}
	return nil
}

// sqliteError names what went wrong with the database in the user's terms.
func sqliteError(path string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
			return &DBError{Path: path, Msg: fmt.Sprintf("%s (%v)", corruptMsg, err)}
		case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm:
			return &DBError{Path: path, Msg: fmt.Sprintf("index database cannot be written (%v): pass a writable --db", err)}
		}
	}
	return &DBError{Path: path, Msg: err.Error()}
}

// mark writes the application id and the schema's user version.
func mark(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID)); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, userVersion))
	return err
}
