package cfront

import (
	"reflect"
	"testing"
)

func TestSectionNames(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{`__attribute__((section("xdp"), used)) int prog(struct xdp_md *ctx)`, []string{"xdp"}},
		{`struct bpf_map_def __attribute__((section("maps"), used)) rxcnt = {`, []string{"maps"}},
		{`} flows __attribute__((section(".maps"), used));`, []string{".maps"}},
		{`__attribute__((section("xdp/" "decap"))) int f(void)`, []string{"xdp/decap"}},
		{`__attribute__((__section__("tc"))) int g(void) __attribute__((section("ingress")))`, []string{"tc", "ingress"}},
		{`int section(int x); int y = section("not an attribute");`, nil},
		{`char s[] = "section(\"x\")";`, nil},
	} {
		if got := sectionNames(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q, want %q", c.text, got, c.want)
		}
	}
}

func TestPPVersionAndNeedsIR(t *testing.T) {
	pp := []byte("# 1 \"<built-in>\"\n#define __VERSION__ \"Debian Clang 14.0.6\"\n# 1 \"x.c\"\n" +
		"struct { int *type; } m __attribute__((section(\".maps\"), used));\n")
	if v := ppVersion(pp); v != "Debian Clang 14.0.6" {
		t.Errorf("ppVersion: %q", v)
	}
	if needsIR(pp) {
		t.Error("a BTF map needs no IR")
	}
	for _, extra := range []string{
		"struct bpf_map_def __attribute__((section(\"maps\"), used)) m = { 1, 4, 4, 1 };\n",
		"struct bpf_elf_map __attribute__((section(\"maps\"), used)) m = { .type = 1 };\n",
		"struct my_map_def __attribute__((section(\"maps\"))) m = { 1 };\n",
	} {
		if !needsIR(append(append([]byte{}, pp...), extra...)) {
			t.Errorf("%s: needs the IR", extra)
		}
	}
	if needsIR([]byte("#define X struct bpf_map_def\n")) {
		t.Error("a macro definition alone declares no map")
	}
}
