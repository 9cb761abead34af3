package opened

import (
	"reflect"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

func TestSplitDefines(t *testing.T) {
	for _, tc := range []struct {
		in              string
		cflags, defines []string
		err             string
	}{
		{in: ""},
		{in: "-Iinclude -O2", cflags: []string{"-Iinclude", "-O2"}},
		{in: "-DA -D B=2 -Iinc -DC=x=y", cflags: []string{"-Iinc"}, defines: []string{"A", "B=2", "C=x=y"}},
		{in: "-UA -include x.h", cflags: []string{"-UA", "-include", "x.h"}},
		{in: "-Iinc -D", err: "-D without a macro name"},
		{in: "-D -Iinc", err: "-D without a macro name"},
		{in: "-D=1", err: "macro name missing"},
	} {
		cflags, defines, err := splitDefines(strings.Fields(tc.in))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("splitDefines(%q): error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(cflags, tc.cflags) || !reflect.DeepEqual(defines, tc.defines) {
			t.Errorf("splitDefines(%q) = %q, %q, %v; want %q, %q", tc.in, cflags, defines, err, tc.cflags, tc.defines)
		}
	}
}

func TestParseTags(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  bool
	}{
		{in: "", want: nil},
		{in: "exclusive", want: []string{"exclusive"}},
		{in: "exclusive, local,requires-root", want: []string{"exclusive", "local", "requires-root"}},
		{in: "a,,b", err: true},
		{in: "a b", err: true},
		{in: "a,a", err: true},
		{in: `"a"`, err: true},
	} {
		got, err := parseTags(tc.in)
		if (err != nil) != tc.err || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseTags(%q) = %q, %v; want %q, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

// TestConfigureInherits checks a subdirectory starts from its parent's configuration and
// that changing it leaves the parent's alone.
func TestConfigureInherits(t *testing.T) {
	c := config.New()
	(&openedLang{}).RegisterFlags(nil, "update", c)
	parent, err := rule.LoadData("BUILD.bazel", "", []byte(strings.Join([]string{
		"# gazelle:opened_default_cflags -Ia",
		"# gazelle:opened_default_cflags -Ib",
		"# gazelle:opened_kernel_test_tags x",
	}, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	if err := configure(c, "", parent); err != nil {
		t.Fatal(err)
	}
	child := c.Clone()
	f, err := rule.LoadData("sub/BUILD.bazel", "sub", []byte("# gazelle:opened_default_cflags -Ic\n# gazelle:opened_verify_tests false\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := configure(child, "sub", f); err != nil {
		t.Fatal(err)
	}
	pc, cc := getConfig(c), getConfig(child)
	if want := []string{"-Ia", "-Ib"}; !reflect.DeepEqual(pc.defaultCFlags, want) {
		t.Errorf("parent cflags %q, want %q", pc.defaultCFlags, want)
	}
	if !pc.verifyTests {
		t.Error("parent verify tests switched off by the child's directive")
	}
	if want := []string{"-Ic"}; !reflect.DeepEqual(cc.defaultCFlags, want) {
		t.Errorf("child cflags %q, want %q", cc.defaultCFlags, want)
	}
	if want := []string{"x"}; !reflect.DeepEqual(cc.kernelTestTags, want) {
		t.Errorf("child tags %q, want inherited %q", cc.kernelTestTags, want)
	}
	if cc.verifyTests {
		t.Error("child verify tests still on")
	}
}
