package transform

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/mcu"
)

var update = flag.Bool("update", false, "rewrite the golden files of the rule tests")

// TestRuleGolden runs one rule on testdata/rules/DIRECTION.RULE/in.c and compares the edited
// mcu.c and the changes report with out.golden.
func TestRuleGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "rules", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no rule cases: %v", err)
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			direction, rule, _ := strings.Cut(name, ".")
			to := map[string]string{"xdp-tc": "tc-ingress", "tc-xdp": "xdp"}[direction]
			unit := unitFromC(t, filepath.Join("rules", name, "in.c"))
			u, err := mcu.Read(unit)
			if err != nil {
				t.Fatal(err)
			}
			ast, err := cfront.ParseAST(context.Background(), cfront.Options{Repo: unit}, mcu.SourceFile)
			if err != nil {
				t.Fatal(err)
			}
			res, err := port(u, ast, to, false, rule, "")
			if err != nil {
				t.Fatal(err)
			}
			got := string(res.Unit.Source) + "\n/* ---- changes ----\n" + res.Changes.Report() + "*/\n"
			golden := filepath.Join(dir, "out.golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestRuleGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the rule's output:\n%s", golden, got)
			}
		})
	}
}

// TestRulesDocumented: every rule has a name and a doc, and each direction runs the same
// named passes.
func TestRulesDocumented(t *testing.T) {
	for _, d := range []string{"xdp->tc", "tc->xdp"} {
		var names []string
		for _, r := range Rules(d) {
			if r.Name == "" || r.Doc == "" || r.Run == nil {
				t.Errorf("%s: rule %q lacks a name, doc or pass", d, r.Name)
			}
			names = append(names, r.Name)
		}
		if strings.Join(names, " ") != "shim-header context-type context-field helper-shim kernel-functions entry-wrapper" {
			t.Errorf("%s rules: %v", d, names)
		}
	}
}
