package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// innerPrelude declares what the snippets of TestInnerShapeAnalysis use.
const innerPrelude = `
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *) 2;
static long (*bpf_for_each_map_elem)(void *map, void *cb, void *ctx, __u64 flags) = (void *) 164;
struct outer_def { int type; } outer;
struct k8 { __u32 a, b; };
struct v20 { __u32 a, b, c, d, e; };
`

// TestInnerShapeAnalysis runs clang on small programs and checks what analyzeInner and
// shapeOf read from the lookups in the inner maps of "outer" (sizes as clang computes them
// for the BPF target, given here).
func TestInnerShapeAnalysis(t *testing.T) {
	sizes := map[string]uint32{"struct k8": 8, "struct v20": 20, "__u16": 2, "__u32": 4, "__u64": 8, "__u8[16]": 16}
	for _, tc := range []struct {
		name, body string
		want       mcu.InnerShape // Reason as a substring
		sites      int
	}{
		{"local variable", `int f(void) { __u32 i = 0; struct k8 k = {}; void *in = bpf_map_lookup_elem(&outer, &i);
			if (!in) return 0; struct v20 *v = bpf_map_lookup_elem(in, &k); return v ? v->e : 0; }`,
			mcu.InnerShape{Source: mcu.ShapeProgram, KeyType: "struct k8", KeySize: 8, ValueType: "struct v20", ValueSize: 20}, 1},
		{"parameter of an inlined helper, returned", `static inline struct v20 *pick(void *in, __u32 h) { struct k8 k = {h, 1};
			return bpf_map_lookup_elem(in, &k); }
			int f(void) { __u32 i = 0; void *in; in = bpf_map_lookup_elem(&outer, &i); if (!in) return 0;
			struct v20 *v = pick(in, 7); return v ? v->a : 0; }`,
			mcu.InnerShape{Source: mcu.ShapeProgram, KeyType: "struct k8", KeySize: 8, ValueType: "struct v20", ValueSize: 20}, 1},
		{"cast result, array key, update", `int f(void) { __u32 i = 0; __u8 key[16] = {}; __u64 one = 1; void *in = bpf_map_lookup_elem(&outer, &i);
			if (!in) return 0; __u64 *c = (__u64 *)bpf_map_lookup_elem(in, key); if (!c) bpf_map_update_elem(in, key, &one, 0); return 0; }`,
			mcu.InnerShape{Source: mcu.ShapeProgram, KeyType: "__u8[16]", KeySize: 16, ValueType: "__u64", ValueSize: 8}, 2},
		{"value only tested for NULL", `int f(__u16 port) { __u32 i = 0; void *in = bpf_map_lookup_elem(&outer, &i);
			if (!in) return 0; return bpf_map_lookup_elem(in, &port) != 0; }`,
			mcu.InnerShape{Source: mcu.ShapeProgram, KeyType: "__u16", KeySize: 2}, 1},
		{"void key", `int f(const void *p) { __u32 i = 0; void *in = bpf_map_lookup_elem(&outer, &i);
			if (!in) return 0; struct v20 *v = bpf_map_lookup_elem(in, p); return v ? v->a : 0; }`,
			mcu.InnerShape{Source: mcu.ShapeUnknown, Reason: "the key of bpf_map_lookup_elem at mcu.c:"}, 1},
		{"byte pointer key", `int f(__u8 *p) { __u32 i = 0; void *in = bpf_map_lookup_elem(&outer, &i);
			if (!in) return 0; struct v20 *v = bpf_map_lookup_elem(in, p); return v ? v->a : 0; }`,
			mcu.InnerShape{Source: mcu.ShapeUnknown, Reason: "points at bytes of no declared size"}, 1},
		{"void value", `int f(void) { __u32 i = 0; struct k8 k = {}; void *in = bpf_map_lookup_elem(&outer, &i);
			if (!in) return 0; void *v = bpf_map_lookup_elem(in, &k); return v ? *(__u32 *)(v + 16) : 0; }`,
			mcu.InnerShape{Source: mcu.ShapeUnknown, Reason: "its result is stored in void * v"}, 1},
		{"keys disagree", `int f(void) { __u32 i = 0; struct k8 k = {}; __u32 s = 0; void *in = bpf_map_lookup_elem(&outer, &i);
			if (!in) return 0; struct v20 *v = bpf_map_lookup_elem(in, &k); struct v20 *w = bpf_map_lookup_elem(in, &s);
			return v && w ? v->a + w->a : 0; }`,
			mcu.InnerShape{Source: mcu.ShapeUnknown, Reason: "the keys disagree: struct k8 (8 bytes)"}, 2},
		{"only a helper that tells nothing", `static long cb(void *m, void *k, void *v, void *c) { return 0; }
			int f(void) { __u32 i = 0; void *in = bpf_map_lookup_elem(&outer, &i); if (!in) return 0;
			return bpf_for_each_map_elem(in, cb, 0, 0); }`,
			mcu.InnerShape{Source: mcu.ShapeUnknown, Reason: "passes its inner maps only to bpf_for_each_map_elem (mcu.c:"}, 0},
		{"never looked up", `int f(void) { return 0; }`,
			mcu.InnerShape{Source: mcu.ShapeUnknown, Reason: "never looks up an inner map of outer"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			src := innerPrelude + tc.body + "\n"
			if err := os.WriteFile(filepath.Join(dir, "mcu.c"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("clang", append(append([]string{}, cfront.BaseFlags...), "-fsyntax-only", "-Wno-everything", "-Xclang", "-ast-dump=json", "mcu.c")...)
			cmd.Dir = dir
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("clang: %v\n%s", err, stderr.String())
			}
			fns, _, err := decodeFunctions(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			uses := analyzeInner(fns, map[string]bool{"outer": true})
			at := func(off int) string {
				return fmt.Sprintf("mcu.c:%d", 1+strings.Count(src[:min(max(off, 0), len(src))], "\n"))
			}
			got := shapeOf("outer", uses, sizes, at)
			w := tc.want
			if got.Source != w.Source || got.KeyType != w.KeyType || got.KeySize != w.KeySize || got.ValueType != w.ValueType ||
				got.ValueSize != w.ValueSize || !strings.Contains(got.Reason, w.Reason) {
				t.Errorf("shape %+v; want %+v", *got, w)
			}
			if n := len(uses.uses["outer"]); n != tc.sites {
				t.Errorf("%d uses of the inner maps; want %d", n, tc.sites)
			}
		})
	}
}

// TestDecodeFunctionsProbe reads the AST of a sizing probe that includes mcu.c (the one clang
// run of the inner-shape analysis): decodeFunctions, which decodes only function definitions
// and probe variables, must find the same function definitions as decoding the whole dump,
// and the sizes clang computed, as the probe compile's symbols tell them.
func TestDecodeFunctionsProbe(t *testing.T) {
	dir := t.TempDir()
	src := innerPrelude + `static int helper(const char *s) { return s[0] == '}' ? 1 : 2; }
int f(void) { __u32 i = 0; struct k8 k = {}; void *in = bpf_map_lookup_elem(&outer, &i);
	if (!in) return helper("\n    }\n"); struct v20 *v = bpf_map_lookup_elem(in, &k); return v ? v->a : 0; }
int g(void);
`
	if err := os.WriteFile(filepath.Join(dir, "mcu.c"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	types := []string{"__u8", "struct k8", "struct v20", "__u32[3]"}
	tmp, err := writeProbe(dir, types)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("clang", append(append([]string{}, cfront.BaseFlags...), "-fsyntax-only", "-Wno-everything", "-Xclang", "-ast-dump=json", probeFile)...)
	cmd.Dir = tmp
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("clang: %v\n%s", err, stderr.String())
	}
	fns, vars, err := decodeFunctions(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var whole struct{ Inner []*anode }
	if err := json.Unmarshal(out, &whole); err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, n := range whole.Inner {
		var defs []*anode
		addDecl(n, &defs, map[int]uint32{})
		for _, d := range defs {
			want = append(want, d.Name)
		}
	}
	for _, f := range fns {
		got = append(got, f.Name)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") || strings.Join(want, " ") != "helper f" {
		t.Errorf("function definitions %q; decoding the whole dump finds %q (want helper f)", got, want)
	}
	wantSizes := map[int]uint32{0: 1, 1: 8, 2: 20, 3: 12}
	if fmt.Sprint(vars) != fmt.Sprint(wantSizes) {
		t.Errorf("probe sizes %v; want %v", vars, wantSizes)
	}
}
