package cfront

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"gopkg.in/yaml.v3"
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
	if needsIR([]byte("struct bpf_map_def {\n\tunsigned int type;\n};\n")) {
		t.Error("the struct's definition (a vendored bpf_helpers.h) declares no map")
	}
}

// TestSectionsMatchIR: on every .c file of the extraction corpus, the sections read from the
// preprocessor stream are the ones code generation assigns (the IR's), for every function
// and variable.
func TestSectionsMatchIR(t *testing.T) {
	cases, err := filepath.Glob("../../extract/testdata/*/case.yaml")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no corpus cases: %v", err)
	}
	var checked atomic.Int64
	t.Cleanup(func() {
		if n := checked.Load(); n < 200 {
			t.Errorf("only %d declarations checked", n)
		}
	})
	for _, cy := range cases {
		dir := filepath.Dir(cy)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			var c struct {
				CFlags []string `yaml:"cflags"`
				Error  string   `yaml:"error"`
			}
			b, err := os.ReadFile(cy)
			if err != nil {
				t.Fatal(err)
			}
			if err := yaml.Unmarshal(b, &c); err != nil {
				t.Fatalf("%s: %v", cy, err)
			}
			if c.Error != "" {
				return
			}
			repo, _ := filepath.Abs(dir)
			filepath.WalkDir(repo, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(p, ".c") {
					return err
				}
				file, _ := filepath.Rel(repo, p)
				o := Options{Repo: repo, CFlags: c.CFlags}
				ctx := context.Background()
				pp, err := run(ctx, o, file, "-E", "-dD")
				if err != nil {
					return nil // not a BPF unit of this case (user space)
				}
				ir, err := run(ctx, o, file, "-S", "-emit-llvm", "-O0", "-g", "-o", "-")
				if err != nil {
					return nil
				}
				ast, err := runOutput(ctx, o, file, "-fsyntax-only", "-Xclang", "-ast-dump=json")
				if err != nil {
					return nil
				}
				defer ast.close()
				data, release, unmap, err := ast.mapped()
				if err != nil {
					t.Fatal(err)
				}
				withIR, err := buildTU(repo, file, data, release, pp, ir)
				unmap()
				if err != nil {
					t.Fatalf("%s/%s: %v", dir, file, err)
				}
				data, release, unmap, err = ast.mapped()
				if err != nil {
					t.Fatal(err)
				}
				withoutIR, err := buildTU(repo, file, data, release, pp, nil)
				unmap()
				if err != nil {
					t.Fatalf("%s/%s: %v", dir, file, err)
				}
				irSections := parseIR(ir).sections
				for i, d := range withoutIR.Decls {
					if !d.Func() && d.Kind != "VarDecl" {
						continue
					}
					want, emitted := irSections[d.Name]
					if !emitted && d.Section != "" {
						// Not emitted (an unused extern, a __ksym): the IR has nothing to say.
						continue
					}
					if d.Section != want || withIR.Decls[i].Section != want {
						t.Errorf("%s/%s: %s %s: section %q from the preprocessor stream, %q from the IR", dir, file, d.Kind, d.Name, d.Section, want)
					}
					checked.Add(1)
				}
				return nil
			})
		})
	}
}
