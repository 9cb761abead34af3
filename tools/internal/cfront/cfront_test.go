package cfront

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParserRestoresElidedLocations feeds the parser a dump in the shape
// clang prints: "file" and "line" appear only when they change, in print
// order (loc, range.begin, range.end, inner; spellingLoc before
// expansionLoc); "includedFrom" does not change the state.
func TestParserRestoresElidedLocations(t *testing.T) {
	dump := `{"id":"0x1","kind":"TranslationUnitDecl","inner":[
	 {"id":"0x2","kind":"VarDecl","loc":{"offset":10,"file":"a.h","line":3,"col":1,"tokLen":1,"includedFrom":{"file":"m.c"}},
	  "range":{"begin":{"offset":5,"col":1,"tokLen":1,"includedFrom":{"file":"m.c"}},"end":{"offset":12,"line":4,"col":2,"tokLen":1}},"name":"x"},
	 {"id":"0x3","kind":"FunctionDecl","loc":{"spellingLoc":{"offset":40,"line":9,"col":1,"tokLen":3},"expansionLoc":{"offset":90,"file":"m.c","line":7,"col":5,"tokLen":8}},
	  "range":{"begin":{"offset":80,"col":1,"tokLen":3},"end":{"offset":120,"line":10,"col":1,"tokLen":1}},"name":"f",
	  "inner":[{"id":"0x4","kind":"CompoundStmt","range":{"begin":{"offset":100,"line":8,"col":1,"tokLen":1},"end":{"offset":120,"line":10,"col":1,"tokLen":1}}}]},
	 {"id":"0x5","kind":"VarDecl","loc":{"offset":130,"col":1,"tokLen":1},"range":{"begin":{"offset":130,"col":1,"tokLen":1},"end":{"offset":131,"col":2,"tokLen":1}},"name":"y"}
	]}`
	root, err := parseAST([]byte(dump))
	if err != nil {
		t.Fatal(err)
	}
	x, f, y := root.Inner[0], root.Inner[1], root.Inner[2]
	check := func(what string, p pos, file string, line, off int) {
		t.Helper()
		if !p.valid || p.File != file || p.Line != line || p.Offset != off {
			t.Errorf("%s = %+v; want %s:%d @%d", what, p, file, line, off)
		}
	}
	check("x.loc", expansion(x.Loc), "a.h", 3, 10)
	check("x.begin", expansion(x.Range.Begin), "a.h", 3, 5) // includedFrom's file is not a location
	check("x.end", expansion(x.Range.End), "a.h", 4, 12)
	if f.Loc.spell.File != "a.h" || f.Loc.spell.Line != 9 {
		t.Errorf("f spelling = %s:%d; want a.h:9", f.Loc.spell.File, f.Loc.spell.Line)
	}
	check("f.loc", expansion(f.Loc), "m.c", 7, 90)
	check("f.begin", expansion(f.Range.Begin), "m.c", 7, 80)
	check("f.end", expansion(f.Range.End), "m.c", 10, 120)
	check("f.body", expansion(f.Inner[0].Range.Begin), "m.c", 8, 100)
	check("y.loc", expansion(y.Loc), "m.c", 10, 130) // after the body's end
}

// TestParseProject runs clang on a small project and checks declaration
// text, merged ranges, macro names, sections, maps and helper calls.
func TestParseProject(t *testing.T) {
	repo := "testdata/loc"
	tu, err := Parse(context.Background(), Options{Repo: repo, CFlags: []string{"-Iinclude"}}, "main.c")
	if err != nil {
		t.Fatal(err)
	}
	read := func(f string) string {
		b, err := os.ReadFile(filepath.Join(repo, f))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	byName := map[string]*Decl{}
	for i := range tu.Decls {
		d := &tu.Decls[i]
		if d.Name != "" {
			byName[d.Name] = d
		}
	}
	text := func(d *Decl) string { return read(d.File)[d.Begin:d.End] }

	mainFn := byName["main_prog"]
	if mainFn == nil {
		t.Fatal("main_prog (named through NAME_OF) not found")
	}
	if got := text(mainFn); !strings.HasPrefix(got, "int SEC(\"xdp\") NAME_OF(main)(") || !strings.HasSuffix(got, "}") {
		t.Errorf("main_prog text = %q", got)
	}
	if mainFn.Section != "xdp" || mainFn.StartLine != 12 || mainFn.EndLine != 18 {
		t.Errorf("main_prog: section %q lines %d-%d; want xdp 12-18", mainFn.Section, mainFn.StartLine, mainFn.EndLine)
	}
	if len(mainFn.HelperCalls) != 1 || mainFn.HelperCalls[0].Helper != "bpf_map_lookup_elem" || mainFn.HelperCalls[0].ID != 1 ||
		strings.Join(mainFn.HelperCalls[0].Maps, ",") != "pairs" {
		t.Errorf("helper calls = %+v", mainFn.HelperCalls)
	}
	var calls []string
	for _, r := range mainFn.Refs {
		if r.Call && r.Kind == "FunctionDecl" {
			calls = append(calls, r.Name)
		}
	}
	if strings.Join(calls, ",") != "add_one" {
		t.Errorf("calls = %v", calls)
	}
	// typedef struct {...} pair_t; is one chunk: RecordDecl and TypedefDecl share the range.
	td := byName["pair_t"]
	if got := text(td); got != "typedef struct {\n\t__u32 a;\n} pair_t;" {
		t.Errorf("pair_t text = %q", got)
	}
	m := byName["pairs"]
	if got := text(m); !strings.HasPrefix(got, "struct {") || !strings.HasSuffix(got, "pairs SEC(\".maps\");") {
		t.Errorf("pairs text = %q", got)
	}
	if m.Map == nil || m.Map.Style != "btf" || m.Map.Type != 1 || m.Map.MaxEntries != 8 || m.Map.KeyType != "__u32" || m.Map.ValueType != "pair_t" {
		t.Errorf("pairs map = %+v", m.Map)
	}
	if byName["never"] != nil {
		t.Error("never (inside #ifdef UNUSED_FEATURE) was parsed")
	}
	if tu.IsActive("main.c", 9) || !tu.IsActive("main.c", 5) {
		t.Error("active lines wrong: line 9 is in a disabled #ifdef, line 5 is code")
	}
	var lm *Macro
	for i := range tu.Macros {
		if tu.Macros[i].Name == "LONG_MACRO" {
			lm = &tu.Macros[i]
		}
	}
	if lm == nil || lm.File != "include/defs.h" || lm.Line != 7 || lm.EndLine != 9 || !strings.HasSuffix(lm.Text, "1)") {
		t.Errorf("LONG_MACRO = %+v", lm)
	}
	if byName["_license"] == nil || byName["_license"].Section != "license" {
		t.Error("license section not found")
	}
	var sys []string
	for _, inc := range tu.Includes {
		if inc.System {
			sys = append(sys, inc.Spelling)
		}
	}
	if strings.Join(sys, "|") != "#include <linux/bpf.h>|#include <bpf/bpf_helpers.h>" {
		t.Errorf("system includes from project files = %v", sys)
	}
}

func TestParseErrors(t *testing.T) {
	_, err := Parse(context.Background(), Options{Repo: "testdata/loc"}, "missing.c")
	if err == nil || !strings.Contains(err.Error(), "missing.c") {
		t.Errorf("missing file: %v", err)
	}
	// Without -Iinclude clang cannot find defs.h: its diagnostic must come through.
	_, err = Parse(context.Background(), Options{Repo: "testdata/loc"}, "main.c")
	if err == nil || !strings.Contains(err.Error(), "'defs.h' file not found") {
		t.Errorf("clang error not reported: %v", err)
	}
}
