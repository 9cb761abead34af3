package index

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/internal/clanglog"
)

// TestLazy checks that a lazy index parses only the units a query may
// need, finds names a macro in an included header makes, and answers like
// a full index.
func TestLazy(t *testing.T) {
	ctx := context.Background()
	repo, db := setup(t)
	// prog_m is defined as FUNCNAME, a macro of a header m.c includes.
	write(t, filepath.Join(repo, "inc/names.h"), "#define FUNCNAME prog_m\n")
	write(t, filepath.Join(repo, "m.c"), `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "names.h"
SEC("xdp") int FUNCNAME(struct xdp_md *ctx) { return XDP_PASS; }
`)
	opts := Options{Repo: repo, CFlags: []string{"-Iinc"}, DB: db, Lazy: true}
	ix := open(t, opts)
	if ix.Stats.Units != 4 || ix.Stats.Parsed != 0 {
		t.Fatalf("lazy Open: %+v; want 4 units, none parsed", ix.Stats)
	}
	cases := []struct {
		name   string
		defs   []string // units of the definitions
		parsed int      // units parsed so far
	}{
		{"prog_m", []string{"m.c"}, 1},
		{"helper_a", []string{"b.c"}, 3}, // a.c declares it, b.c defines it
		{"hits", []string{"a.c"}, 3},
		{"no_such_name", nil, 3},
	}
	for _, c := range cases {
		defs, err := ix.Definitions(ctx, c.name, "")
		if err != nil {
			t.Fatal(err)
		}
		var units []string
		for _, d := range defs {
			units = append(units, d.TU)
		}
		if !reflect.DeepEqual(units, c.defs) {
			t.Errorf("Definitions(%s) in units %v; want %v", c.name, units, c.defs)
		}
		if ix.Stats.Parsed != c.parsed {
			t.Errorf("after Definitions(%s): %d units parsed; want %d", c.name, ix.Stats.Parsed, c.parsed)
		}
	}
	// user.c (user space, rejected by clang) was never needed.
	if ix.Stats.Failed != 0 {
		t.Errorf("lazy index parsed user.c")
	}
	if err := ix.Complete(ctx); err != nil {
		t.Fatal(err)
	}
	if ix.Stats.Parsed != 4 || ix.Stats.Failed != 1 {
		t.Errorf("after Complete: %+v; want 4 parsed, 1 failed", ix.Stats)
	}
	ix.Close()

	// A full index over the same database finds everything up to date.
	opts.Lazy = false
	full := open(t, opts)
	if full.Stats.Parsed != 0 {
		t.Errorf("full Open after lazy Complete re-parsed %d units", full.Stats.Parsed)
	}
}

func TestIncludeTarget(t *testing.T) {
	cases := []struct {
		line, target string
		ok           bool
	}{
		{`#include "a/b.h"`, "a/b.h", true},
		{`  #  include <linux/bpf.h>`, "linux/bpf.h", true},
		{`#include_next <x.h>`, "x.h", true},
		{`#include PLATFORM_H`, "", true},
		{`#define X 1`, "", false},
		{`int include;`, "", false},
	}
	for _, c := range cases {
		got, ok := includeTarget(c.line)
		if got != c.target || ok != c.ok {
			t.Errorf("includeTarget(%q) = %q, %v; want %q, %v", c.line, got, ok, c.target, c.ok)
		}
	}
}

// TestColdVersionFromParse: a cold lazy index (a Bazel action's) learns clang's version from
// its first parse and starts clang only to parse units; a second run over the same database
// finds the version in meta and compares the stored keys without re-parsing.
func TestColdVersionFromParse(t *testing.T) {
	ctx := context.Background()
	repo, db := setup(t)
	wrapper, logged := clanglog.Wrapper(t)
	real, err := exec.LookPath("clang")
	if err != nil {
		t.Fatal(err)
	}
	want, err := cfront.Version(real)
	if err != nil {
		t.Fatal(err)
	}
	for i, dbPath := range []string{db, db} {
		logged()
		ix := open(t, Options{Repo: repo, CFlags: []string{"-Iinc"}, DB: dbPath, Lazy: true, Clang: wrapper})
		if _, err := ix.Definitions(ctx, "prog_a", ""); err != nil {
			t.Fatal(err)
		}
		if got := ix.ClangVersion(); got != want {
			t.Errorf("run %d: ClangVersion %q, clang --version says %q", i, got, want)
		}
		if probes := logged("--version", "-print-multiarch"); len(probes) > 0 {
			t.Errorf("run %d started clang for a probe: %q", i, probes)
		}
		if i == 1 && ix.Stats.Parsed != 0 {
			t.Errorf("second run re-parsed %d units", ix.Stats.Parsed)
		}
		ix.Close()
	}
}

// TestSharedHeaderNotReparsed: once the parsed units define a name and entered every file
// mentioning it, a query about it parses no other unit that only shares those files (a
// project's header of helpers, included by every program); a unit whose own text mentions the
// name is still parsed.
func TestSharedHeaderNotReparsed(t *testing.T) {
	ctx := context.Background()
	repo, db := setup(t)
	write(t, filepath.Join(repo, "c.c"), `#include "common.h"
SEC("xdp") int prog_c(struct xdp_md *ctx) { bump(); return XDP_PASS; }
`)
	ix := open(t, Options{Repo: repo, CFlags: []string{"-Iinc"}, DB: db, Lazy: true})
	for _, c := range []struct {
		name   string
		files  []string // files of the definitions
		parsed int
	}{
		{"prog_a", []string{"a.c"}, 1},
		{"bump", []string{"inc/common.h"}, 1}, // c.c shares common.h only: not parsed
		{"hits", []string{"inc/common.h"}, 1}, // likewise
		{"helper_a", []string{"b.c"}, 2},      // defined in b.c, which a.c did not enter
	} {
		defs, err := ix.Definitions(ctx, c.name, "")
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		for _, d := range defs {
			if !slices.Contains(files, d.File) {
				files = append(files, d.File)
			}
		}
		if !reflect.DeepEqual(files, c.files) || ix.Stats.Parsed != c.parsed {
			t.Errorf("Definitions(%s): in %v after %d parses; want %v after %d", c.name, files, ix.Stats.Parsed, c.files, c.parsed)
		}
	}
}

func TestScanTextDefinitions(t *testing.T) {
	for _, c := range []struct {
		name, text string
		defs       []string
	}{
		{"call in a body", "static int f(int x) { return g(x); }\n", []string{"f", "int", "static", "x"}},
		{"struct and initializer", "struct s { int a; } v = { .a = K };\n", []string{"K", "a", "int", "s", "struct", "v"}},
		{"enum constants", "enum { A = 1, B };\nint h(void) { return A; }\n", []string{"A", "B", "enum", "h", "int", "void"}},
		{"macro line", "#define MK(n) int n(void) { return 0; }\nMK(made)\n", []string{"MK", "define", "int", "made", "n", "return", "void"}},
		{"signature split by #if", "#ifdef A\nint f(int a) {\n#else\nint f(int a, int b) {\n#endif\n return q(a); }\nint z;\n",
			[]string{"A", "a", "b", "else", "endif", "f", "ifdef", "int", "q", "return", "z"}},
	} {
		seen := map[string]bool{}
		scanText([]byte(c.text), func(string) {}, func(id string) { seen[id] = true }, func(string, int, bool) {}, func(string, int, bool) {})
		var got []string
		for id := range seen {
			got = append(got, id)
		}
		sort.Strings(got)
		if !reflect.DeepEqual(got, c.defs) {
			t.Errorf("%s: may define %v; want %v", c.name, got, c.defs)
		}
	}
}

// site formats a definition site for TestScanTextFunctionSites.
func site(id string, line int, static bool) string {
	if static {
		return fmt.Sprintf("%s:%d static", id, line)
	}
	return fmt.Sprintf("%s:%d", id, line)
}

func TestScanTextFunctionSites(t *testing.T) {
	text := `static int proto(int x);
static __always_inline int
parse(void *data) { return call(data); }
int __attribute__((noinline)) later(int a)
{
	return a;
}
struct s v = { .f = init(1) };
#define MK(n) int n(void) { return 0; }
MK(made)
int q = twice(2);
`
	var got []string
	var vars []string
	scanText([]byte(text), func(string) {}, func(string) {}, func(id string, line int, static bool) { got = append(got, site(id, line, static)) },
		func(id string, line int, static bool) { vars = append(vars, site(id, line, static)) })
	want := []string{"parse:3 static", "later:4"} // a macro-made function is not seen
	if !reflect.DeepEqual(got, want) {
		t.Errorf("function definitions %v; want %v", got, want)
	}
	if want := []string{"v:8", "q:11"}; !reflect.DeepEqual(vars, want) {
		t.Errorf("variable definitions %v; want %v", vars, want)
	}
	vars = nil
	scanText([]byte(`struct bpf_map_def SEC("maps") counters = { .type = 2 };
struct { __uint(type, 1); } flows SEC(".maps");
extern int shared;
typedef struct x x_t;
struct fwd;
int a = b, c[4], d __attribute__((aligned(8)));
static int proto(int p, int q);
static const int limit = 3;
`), func(string) {}, func(string) {}, func(string, int, bool) {}, func(id string, line int, static bool) { vars = append(vars, site(id, line, static)) })
	if want := []string{"counters:1", "flows:2", "a:6", "c:6", "d:6", "limit:8 static"}; !reflect.DeepEqual(vars, want) {
		t.Errorf("variable definitions %v; want %v", vars, want)
	}
}
