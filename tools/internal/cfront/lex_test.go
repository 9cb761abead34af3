package cfront

import (
	"reflect"
	"testing"
)

func TestLex(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{[]string{"int f(void) { return X_1 + 0x1fUL; }"}, []string{"int", "f", "(", "void", ")", "{", "return", "X_1", "+", ";", "}"}},
		{[]string{"a /* b */ c // d\ne"}, []string{"a", "c", "e"}},
		{[]string{`s = "x \" y" 'z' t`}, []string{"s", "=", "t"}},
		{[]string{"unterminated /* comment"}, []string{"unterminated"}},
		{[]string{"#define SEC(n) __attribute__((section(n)))"}, []string{"#", "define", "SEC", "(", "n", ")", "__attribute__", "(", "(", "section", "(", "n", ")", ")", ")"}},
	} {
		var got []string
		Lex(tc.in[0], func(tok string, _ bool) { got = append(got, tok) })
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Lex(%q) = %q, want %q", tc.in[0], got, tc.want)
		}
	}
	if got := Identifiers("a b a /* c */ d"); !reflect.DeepEqual(got, []string{"a", "b", "d"}) {
		t.Errorf("Identifiers = %q", got)
	}
}

func TestScanOffsets(t *testing.T) {
	src := "SEC(\"xdp\") int f(struct xdp_md *ctx) /* c */ { return 0x2; }"
	var got []string
	for _, tk := range Tokens(src) {
		if src[tk.Offset:tk.End()] != tk.Text {
			t.Fatalf("token %q at %d does not match the text", tk.Text, tk.Offset)
		}
		got = append(got, tk.Text)
	}
	want := []string{"SEC", "(", `"xdp"`, ")", "int", "f", "(", "struct", "xdp_md", "*", "ctx", ")", "{", "return", "0x2", ";", "}"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
}
