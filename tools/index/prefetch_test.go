package index

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
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
	real, err := exec.LookPath("clang")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	log := filepath.Join(bin, "runs")
	wrapper := "#!/bin/sh\necho \"$*\" >> " + log + "\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "clang"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	astRuns := func() []string {
		b, _ := os.ReadFile(log)
		os.Remove(log)
		var runs []string
		for _, l := range strings.Split(string(b), "\n") {
			if strings.Contains(l, "-ast-dump=json") {
				runs = append(runs, l)
			}
		}
		return runs
	}
	ix := open(t, Options{Repo: repo, CFlags: []string{"-Iinc"}, DB: db, Lazy: true, Clang: filepath.Join(bin, "clang")})
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
