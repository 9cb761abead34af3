package index

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/clanglog"
)

// TestRelatedUnits checks which units the text says a unit's later queries will parse.
func TestRelatedUnits(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		unit  string
		want  []string
	}{
		{"a prototype and an extern map defined in other units", map[string]string{
			"inc/api.h":   "int classify(int x);\nextern int counters;\n",
			"src/entry.c": "#include \"api.h\"\nint prog(void) { return classify(counters); }\n",
			"src/cls.c":   "int classify(int x) { return x & 1; }\n",
			"src/maps.c":  "int counters = 3;\n",
			"src/other.c": "#include \"api.h\"\nint other(void) { return classify(2); }\n", // mentions, defines nothing
		}, "src/entry.c", []string{"src/cls.c", "src/maps.c"}},
		{"definitions in two units (a duplicate)", map[string]string{
			"src/entry.c": "int score(int v);\nint prog(void) { return score(1); }\n",
			"src/fast.c":  "int score(int v) { return v; }\n",
			"src/full.c":  "int score(int v) { return v * 2; }\n",
		}, "src/entry.c", []string{"src/fast.c", "src/full.c"}},
		{"static definitions elsewhere provide nothing", map[string]string{
			"src/entry.c": "int helper(int v);\nint prog(void) { return helper(1); }\n",
			"src/a.c":     "static int helper(int v) { return v; }\n",
		}, "src/entry.c", nil},
		{"a definition the unit sees", map[string]string{
			"inc/h.h":     "static inline int helper(int v) { return v; }\n",
			"src/entry.c": "#include \"h.h\"\nint prog(void) { return helper(1); }\n",
			"src/a.c":     "int helper(int v) { return v + 1; }\n",
		}, "src/entry.c", nil},
		{"a local variable named like another unit's global", map[string]string{
			"src/entry.c": "int prog(void) { int cfg = 1; return cfg; }\n",
			"src/tool.c":  "int cfg;\nint main(void) { return cfg; }\n",
		}, "src/entry.c", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			repo := t.TempDir()
			for name, text := range c.files {
				write(t, filepath.Join(repo, name), text)
			}
			units, err := listUnits(repo)
			if err != nil {
				t.Fatal(err)
			}
			ti, err := buildTextIndex(repo, units, []string{"-Iinc"})
			if err != nil {
				t.Fatal(err)
			}
			if got := ti.related(c.unit); !reflect.DeepEqual(got, c.want) {
				t.Errorf("related(%s) = %q; want %q", c.unit, got, c.want)
			}
		})
	}
}

// TestPrefetch checks that a unit parsed ahead, in the batch of the unit a query needed,
// is neither stored nor seen by any answer until a query needs it, and that this query
// then runs no clang.
func TestPrefetch(t *testing.T) {
	ctx := context.Background()
	repo, db := setup(t)
	clang, logged := clanglog.Wrapper(t)
	astRuns := func() []string { return logged("-ast-dump=json") }
	ix := open(t, Options{Repo: repo, CFlags: []string{"-Iinc"}, DB: db, Lazy: true, Clang: clang})
	astRuns()

	// prog_a's unit a.c declares helper_a, which b.c defines: b.c is parsed with a.c.
	defs, err := ix.Definitions(ctx, "prog_a", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(defs) != 1 || defs[0].TU != "a.c" {
		t.Fatalf("Definitions(prog_a) = %+v; want one, in a.c", defs)
	}
	runs := astRuns()
	if len(runs) != 1 || !strings.Contains(runs[0], "b.c") || !strings.Contains(runs[0], "a.c") {
		t.Errorf("AST runs %q; want one, of a.c and b.c", runs)
	}
	if ix.Stats.Parsed != 1 {
		t.Errorf("%d units stored; want 1 (b.c is held, not stored)", ix.Stats.Parsed)
	}
	if d := ix.Deps(); !reflect.DeepEqual(d.Units, []string{"a.c"}) {
		t.Errorf("Deps().Units = %q; want [a.c] (nothing depended on b.c yet)", d.Units)
	}
	defs, err = ix.Definitions(ctx, "helper_a", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(defs) != 1 || defs[0].TU != "b.c" {
		t.Errorf("Definitions(helper_a) = %+v; want one, in b.c", defs)
	}
	if runs := astRuns(); len(runs) != 0 {
		t.Errorf("the query for helper_a ran clang %q; b.c was parsed ahead", runs)
	}
	if ix.Stats.Parsed != 2 {
		t.Errorf("%d units stored; want 2", ix.Stats.Parsed)
	}
}

// TestStartEntry checks that in a repository with over startEntryAbove bytes of C text the
// entry's unit is parsed before the first query (by file or by name) and that query runs no
// clang of its own, and that a small repository parses nothing ahead.
func TestStartEntry(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name        string
		big         bool
		file, entry string
		ahead       int // AST runs before the query
	}{
		{"big repository, entry by file", true, "a.c", "", 1},
		{"big repository, entry by name", true, "", "prog_a", 1},
		{"small repository", false, "a.c", "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			repo, db := setup(t)
			if c.big {
				var b strings.Builder
				for i := 0; b.Len() < startEntryAbove; i++ {
					fmt.Fprintf(&b, "struct generated_%d { int a, b, c; };\n", i)
				}
				write(t, filepath.Join(repo, "inc/generated.h"), b.String())
			}
			clang, logged := clanglog.Wrapper(t)
			astRuns := func() []string { return logged("-ast-dump=json") }
			ix := open(t, Options{Repo: repo, CFlags: []string{"-Iinc"}, DB: db, Lazy: true, Clang: clang})
			ix.StartEntry(ctx, c.file, c.entry)
			ix.lazyMu.Lock()
			for _, p := range ix.pending {
				<-p.done
			}
			ix.lazyMu.Unlock()
			if runs := astRuns(); len(runs) != c.ahead {
				t.Errorf("%d AST runs before the query; want %d", len(runs), c.ahead)
			}
			defs, err := ix.Definitions(ctx, "prog_a", "")
			if err != nil {
				t.Fatal(err)
			}
			if len(defs) != 1 || defs[0].TU != "a.c" {
				t.Errorf("Definitions(prog_a) = %+v; want one, in a.c", defs)
			}
			runs := astRuns()
			if c.ahead > 0 && len(runs) != 0 {
				t.Errorf("the query ran clang %q after the entry's unit was parsed ahead", runs)
			}
			if c.ahead == 0 && len(runs) != 1 {
				t.Errorf("the query's AST runs: %q; want one", runs)
			}
		})
	}
}
