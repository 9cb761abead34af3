package cfront

import (
	"errors"
	"strings"
	"testing"
)

// TestParserSkippedLocations checks that locations inside values the parser skips (a
// FullComment's subtree, keys it does not read) still move the dumper's file/line state, so
// a later location that elides them resolves as clang meant.
func TestParserSkippedLocations(t *testing.T) {
	cases := []struct {
		name, between string
		file          string
		line          int
	}{
		{"nothing skipped", ``, "m.c", 3},
		{"full comment", `{"id":"0x9","kind":"FullComment","loc":{"offset":40,"file":"c.h","line":50,"col":1,"tokLen":1},
		  "range":{"begin":{"offset":40,"col":1,"tokLen":1},"end":{"offset":60,"line":52,"col":1,"tokLen":1}},
		  "inner":[{"id":"0xa","kind":"ParagraphComment","loc":{"offset":41,"line":51,"col":2,"tokLen":1}}]},`, "c.h", 51}, // inner is printed last
		{"unread key", `{"id":"0x9","kind":"VarDecl","somethingNew":{"where":{"offset":7,"file":"z.h","line":9}},"name":"q"},`, "z.h", 9},
		{"includedFrom is not a location", `{"id":"0x9","kind":"VarDecl","loc":{"offset":7,"line":4,"col":1,"tokLen":1,"includedFrom":{"file":"other.c"}}},`, "m.c", 4},
		{"macro locations", `{"id":"0x9","kind":"VarDecl","loc":{"spellingLoc":{"offset":1,"file":"mac.h","line":2,"col":1,"tokLen":1},
		  "expansionLoc":{"offset":20,"file":"m.c","line":6,"col":1,"tokLen":3}}},`, "m.c", 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dump := `{"id":"0x1","kind":"TranslationUnitDecl","loc":{},"range":{"begin":{},"end":{}},"inner":[
			 {"id":"0x2","kind":"VarDecl","loc":{"offset":10,"file":"m.c","line":3,"col":1,"tokLen":1},"name":"x"},` + c.between + `
			 {"id":"0x3","kind":"VarDecl","loc":{"offset":130,"col":1,"tokLen":1},"name":"y"}]}`
			root, err := parseAST([]byte(dump))
			if err != nil {
				t.Fatal(err)
			}
			y := root.Inner[len(root.Inner)-1]
			if p := expansion(y.Loc); !p.valid || p.File != c.file || p.Line != c.line || p.Offset != 130 {
				t.Errorf("y.loc = %+v; want %s:%d @130", p, c.file, c.line)
			}
		})
	}
}

// TestParserErrors checks that a cut or malformed dump is an error naming the offset, and
// that an error of the caller's callback stops the stream unchanged.
func TestParserErrors(t *testing.T) {
	good := `{"id":"0x1","kind":"TranslationUnitDecl","inner":[{"id":"0x2","kind":"VarDecl","name":"x"},{"id":"0x3","kind":"VarDecl","name":"y"}]}`
	for _, c := range []struct{ name, dump, want string }{
		{"cut", good[:len(good)-30], "ast json: offset"},
		{"not an object", `[1,2]`, "ast json: offset 0: expected '{'"},
		{"bad id", strings.Replace(good, `"0x2"`, `"0xZZ"`, 1), "bad id"},
		{"unterminated string", `{"id":"0x1","kind":"TranslationUnitDecl","inner":[{"id":"0x2","kind":"Var`, "unterminated string"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseAST([]byte(c.dump))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v; want one containing %q", err, c.want)
			}
		})
	}
	stop := errors.New("stop")
	seen := 0
	err := newParser([]byte(good), nil).stream(func(n *jnode) error {
		seen++
		return stop
	})
	if err != stop || seen != 1 {
		t.Errorf("stream = %v after %d declarations; want the callback's error after 1", err, seen)
	}
}

// TestParserValues checks the node fields the builder reads, whatever JSON type clang gives
// a value: strings (escapes decoded), numbers and booleans as text, objects as nothing.
func TestParserValues(t *testing.T) {
	for _, c := range []struct {
		name, node string
		check      func(n *jnode) bool
	}{
		{"string value", `"value":"42"`, func(n *jnode) bool { return n.Value == "42" }},
		{"number value", `"value":-7`, func(n *jnode) bool { return n.Value == "-7" }},
		{"boolean value", `"value":true`, func(n *jnode) bool { return n.Value == "true" }},
		{"object value", `"value":{"kind":"Int","v":1}`, func(n *jnode) bool { return n.Value == "" }},
		{"escaped name", `"name":"a\"b\\c"`, func(n *jnode) bool { return n.Name == `a"b\c` }},
		{"type and argType", `"type":{"qualType":"struct s *","desugaredQualType":"struct s *"},"argType":{"qualType":"int"}`,
			func(n *jnode) bool { return n.Type == "struct s *" && n.ArgType == "int" }},
		{"reference", `"referencedDecl":{"id":"0xAb","kind":"VarDecl","name":"m","type":{"qualType":"int"}}`,
			func(n *jnode) bool {
				return n.Ref != nil && n.Ref.ID == 0xab && n.Ref.Kind == "VarDecl" && n.Ref.Name == "m" && n.Ref.Type == "int"
			}},
		{"flags", `"isImplicit":true,"inline":false,"completeDefinition":true,"isArrow":true`,
			func(n *jnode) bool { return n.IsImplicit && !n.Inline && n.CompleteDef && n.IsArrow }},
	} {
		t.Run(c.name, func(t *testing.T) {
			root, err := parseAST([]byte(`{"id":"0x1","kind":"TranslationUnitDecl","inner":[{"id":"0x2","kind":"X",` + c.node + `}]}`))
			if err != nil {
				t.Fatal(err)
			}
			if n := root.Inner[0]; !c.check(n) {
				t.Errorf("parsed %+v", *n)
			}
		})
	}
}
