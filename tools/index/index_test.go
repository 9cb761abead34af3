package index

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const header = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");
static __always_inline void bump(void) { __u32 k = 0; __u64 *v = bpf_map_lookup_elem(&hits, &k); if (v) (*v)++; }
`

func setup(t *testing.T) (repo, db string) {
	dir := t.TempDir()
	repo = filepath.Join(dir, "repo")
	write(t, filepath.Join(repo, "inc/common.h"), header)
	write(t, filepath.Join(repo, "a.c"), `#include "common.h"
int helper_a(int x);
SEC("xdp") int prog_a(struct xdp_md *ctx) { bump(); return helper_a(1) ? XDP_PASS : XDP_DROP; }
char _license[] SEC("license") = "GPL";
`)
	write(t, filepath.Join(repo, "b.c"), `#include <linux/bpf.h>
__attribute__((noinline)) int helper_a(int x) { return x + 1; }
`)
	// User space that clang rejects for -target bpf: x86 intrinsics (glibc headers alone
	// parse, with cfront's gnu/stubs-32.h shim).
	write(t, filepath.Join(repo, "user.c"), "#include <stdio.h>\n#include <immintrin.h>\nint main(void) { printf(\"hi\"); return 0; }\n")
	return repo, filepath.Join(dir, "index.db")
}

func open(t *testing.T, opts Options) *Index {
	t.Helper()
	ix, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestIncremental(t *testing.T) {
	base := cfront.BaseFlags
	defer func() { cfront.BaseFlags = base }()
	repo, db := setup(t)
	opts := Options{Repo: repo, CFlags: []string{"-Iinc"}, DB: db}
	steps := []struct {
		name   string
		change func()
		opts   Options
		parsed int
	}{
		{"cold", func() {}, opts, 3},
		{"warm", func() {}, opts, 0},
		{"header changed", func() { write(t, filepath.Join(repo, "inc/common.h"), header+"/* edited */\n") }, opts, 1},
		{"warm again", func() {}, opts, 0},
		{"other unit changed", func() {
			write(t, filepath.Join(repo, "b.c"), "#include <linux/bpf.h>\n__attribute__((noinline)) int helper_a(int x) { return x + 2; }\n")
		}, opts, 1},
		{"cflags changed", func() {}, Options{Repo: repo, CFlags: []string{"-Iinc", "-DX=1"}, DB: db}, 3},
		// cfront.BaseFlags decide the include search order (the multiarch directory's place).
		{"base flags changed", func() { cfront.BaseFlags = append(append([]string{}, base...), "-DOPENED_BASE_CHANGED") },
			Options{Repo: repo, CFlags: []string{"-Iinc", "-DX=1"}, DB: db}, 3},
		{"unit removed", func() { cfront.BaseFlags = base; os.Remove(filepath.Join(repo, "user.c")) }, Options{Repo: repo, CFlags: []string{"-Iinc", "-DX=1"}, DB: db}, 2},
	}
	for _, s := range steps {
		s.change()
		ix := open(t, s.opts)
		if ix.Stats.Parsed != s.parsed {
			t.Errorf("%s: parsed %d units; want %d", s.name, ix.Stats.Parsed, s.parsed)
		}
		ix.Close()
	}
	ix := open(t, Options{Repo: repo, CFlags: []string{"-Iinc", "-DX=1"}, DB: db})
	if got := len(ix.Units()); got != 2 {
		t.Errorf("units after removal = %v", ix.Units())
	}
}

func TestQueries(t *testing.T) {
	repo, db := setup(t)
	ix := open(t, Options{Repo: repo, CFlags: []string{"-Iinc"}, DB: db})
	ctx := context.Background()
	if ix.Stats.Failed != 1 {
		t.Errorf("failed units = %d; want 1 (user.c)", ix.Stats.Failed)
	}
	failed, err := ix.FailedUnits(ctx)
	if err != nil || failed["user.c"] == "" {
		t.Errorf("FailedUnits = %v, %v", failed, err)
	}
	defs, err := ix.Definitions(ctx, "helper_a", "function")
	if err != nil || len(defs) != 1 || defs[0].File != "b.c" || defs[0].Sig != "int (int)" {
		t.Errorf("helper_a definitions = %+v, %v", defs, err)
	}
	tu, err := ix.Unit(ctx, "a.c")
	if err != nil {
		t.Fatal(err)
	}
	if len(tu.Decls) == 0 {
		t.Fatal("empty model for a.c")
	}
	// The relational tables are queryable with plain SQL.
	sdb, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	var fn, access string
	if err := sdb.QueryRow(`SELECT function, access FROM map_uses WHERE map = 'hits'`).Scan(&fn, &access); err != nil || fn != "bump" || access != "read" {
		t.Errorf("map_uses = %s %s %v", fn, access, err)
	}
	var callee string
	if err := sdb.QueryRow(`SELECT callee FROM calls WHERE caller = 'prog_a' AND callee = 'helper_a'`).Scan(&callee); err != nil {
		t.Errorf("calls: %v", err)
	}
	var typ string
	if err := sdb.QueryRow(`SELECT type FROM maps WHERE name = 'hits'`).Scan(&typ); err != nil || typ != "BPF_MAP_TYPE_ARRAY" {
		t.Errorf("maps: %s %v", typ, err)
	}
	var from string
	if err := sdb.QueryRow(`SELECT from_sym FROM refs WHERE to_sym = 'hits' AND kind = 'var'`).Scan(&from); err != nil || from != "bump" {
		t.Errorf("refs to hits: %s %v", from, err)
	}
	var sec string
	if err := sdb.QueryRow(`SELECT section FROM symbols WHERE name = 'prog_a' AND kind = 'function'`).Scan(&sec); err != nil || sec != "xdp" {
		t.Errorf("section: %s %v", sec, err)
	}
}
