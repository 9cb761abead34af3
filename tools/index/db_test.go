package index

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// sqliteFile creates a SQLite database at path with the given statements.
func sqliteFile(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
}

// TestForeignDatabases: a database OPENED did not write is refused with the file untouched; a
// corrupt default cache is rebuilt with a note; an index written before marking is adopted.
func TestForeignDatabases(t *testing.T) {
	for _, tc := range []struct {
		name  string
		make  func(t *testing.T, path string)
		cache bool
		err   string // after "PATH: "; "" for success
		note  string // prefix of Index.Note after "index cache PATH "
	}{
		{"other application's tables", func(t *testing.T, p string) {
			sqliteFile(t, p, `CREATE TABLE files(name TEXT)`, `CREATE TABLE maps(k TEXT)`, `INSERT INTO files VALUES ('precious')`)
		}, false, "not an OPENED index (no schema entry); refusing to change it: choose another --db", ""},
		{"other application's table names", func(t *testing.T, p string) {
			sqliteFile(t, p, `CREATE TABLE files(name TEXT)`, `CREATE TABLE notes(text TEXT)`)
		}, true, "not an OPENED index (it has table notes); refusing to change it: choose another --db", ""},
		{"other application's id", func(t *testing.T, p string) {
			sqliteFile(t, p, `PRAGMA application_id = 4660`, `CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)`)
		}, true, "not an OPENED index (SQLite application_id 0x1234); refusing to change it: choose another --db", ""},
		{"not a database", func(t *testing.T, p string) {
			if err := os.WriteFile(p, bytes.Repeat([]byte("user notes\n"), 1000), 0o644); err != nil {
				t.Fatal(err)
			}
		}, false, "not a readable SQLite database (file is not a database)", ""},
		{"corrupt cache is rebuilt", func(t *testing.T, p string) {
			if err := os.WriteFile(p, bytes.Repeat([]byte("garbage!"), 1000), 0o644); err != nil {
				t.Fatal(err)
			}
		}, true, "", "was unreadable (not a readable SQLite database (file is not a database)); rebuilt it"},
		{"a directory", func(t *testing.T, p string) {
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}, false, "is a directory, not an index database", ""},
		{"unmarked index of an older OPENED", func(t *testing.T, p string) {
			sqliteFile(t, p, `CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)`, `INSERT INTO meta VALUES ('schema', '16')`)
		}, false, "", ""},
		{"new file", func(t *testing.T, p string) {}, false, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo, _ := setup(t)
			db := filepath.Join(t.TempDir(), "x.db")
			tc.make(t, db)
			before := snapshot(t, db)
			ix, err := Open(context.Background(), Options{Repo: repo, CFlags: []string{"-Iinc"}, DB: db, Cache: tc.cache, Lazy: true})
			if tc.err != "" {
				if err == nil {
					ix.Close()
					t.Fatalf("opened; want error %q", tc.err)
				}
				if want := db + ": " + tc.err; err.Error() != want {
					t.Fatalf("error %q\nwant  %q", err, want)
				}
				if after := snapshot(t, db); after != before {
					t.Fatalf("the refused database changed")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if tc.note == "" && ix.Stats.Note != "" || tc.note != "" && ix.Stats.Note != "index cache "+db+" "+tc.note {
				t.Errorf("note %q, want %q", ix.Stats.Note, tc.note)
			}
			var app, ver int64
			if err := ix.db.QueryRow(`PRAGMA application_id`).Scan(&app); err != nil || app != ApplicationID {
				t.Errorf("application_id %#x %v, want %#x", app, err, ApplicationID)
			}
			if err := ix.db.QueryRow(`PRAGMA user_version`).Scan(&ver); err != nil || ver != int64(userVersion) || ver == 0 {
				t.Errorf("user_version %d %v, want %d", ver, err, userVersion)
			}
		})
	}
}

// snapshot is the content of a file (or "dir" for a directory) and its WAL companions.
func snapshot(t *testing.T, p string) string {
	var b strings.Builder
	for _, s := range []string{"", "-wal", "-shm", "-journal"} {
		st, err := os.Stat(p + s)
		switch {
		case err != nil:
			b.WriteString("missing;")
		case st.IsDir():
			b.WriteString("dir;")
		default:
			data, err := os.ReadFile(p + s)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(data)
			b.WriteString(";")
		}
	}
	return b.String()
}

// TestReadOnlyDatabase: an index on a read-only file system gets a clear message (root ignores
// file modes, so the test mounts a tmpfs and remounts it read-only; it needs root).
func TestReadOnlyDatabase(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatal("TestReadOnlyDatabase needs root to mount a read-only tmpfs")
	}
	repo, _ := setup(t)
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=8m"); err != nil {
		t.Fatalf("mount tmpfs: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	db := filepath.Join(dir, "index.db")
	ix, err := Open(context.Background(), Options{Repo: repo, CFlags: []string{"-Iinc"}, DB: db, Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, "size=8m"); err != nil {
		t.Fatalf("remount read-only: %v", err)
	}
	before := snapshot(t, db)
	for _, tc := range []struct{ db, err string }{
		{db, db + ": index database is read-only (read-only file system): pass a writable --db"},
		{filepath.Join(dir, "new.db"), filepath.Join(dir, "new.db") + ": directory " + dir + " is read-only (read-only file system): pass a --db in a writable directory"},
	} {
		_, err = Open(context.Background(), Options{Repo: repo, CFlags: []string{"-Iinc"}, DB: tc.db, Lazy: true})
		if err == nil || err.Error() != tc.err {
			t.Errorf("error %v\nwant  %s", err, tc.err)
		}
	}
	if snapshot(t, db) != before {
		t.Error("the read-only database changed")
	}
}
