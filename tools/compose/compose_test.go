package compose

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/tools/pipeline"
)

const unitsDir = "testdata/units"

func stage(name string, line int) Stage {
	return Stage{Name: name, Dir: filepath.Join(unitsDir, name), Line: line}
}

// exampleConfig is examples/datapath's pipeline: three XDP stages and a TC stage.
func exampleConfig(xdpMode, tcMode string) Config {
	return Config{
		Name: "dp", Mode: xdpMode, Spec: "opened.yaml", Line: 1, Counters: true,
		Segments: []Segment{
			{Hook: pipeline.HookXDP, Mode: xdpMode, Line: 3, Stages: []Stage{stage("decap", 4), stage("flowobs", 5), stage("acl", 6)}},
			{Hook: pipeline.HookTCIngress, Mode: tcMode, Line: 7, Stages: []Stage{stage("ratelimit", 8)}},
		},
	}
}

func TestComposeModes(t *testing.T) {
	for _, tc := range []struct {
		xdp, tc  string
		programs [2][]string
		features []string
	}{
		{"static", "static", [2][]string{{"opened_dp"}, {"opened_dp"}}, []string{"tcx", "xdp"}},
		{"tailcall", "tailcall", [2][]string{{"opened_decap", "opened_flowobs", "opened_acl"}, {"opened_ratelimit"}}, []string{"tail-call", "tcx", "xdp"}},
		{"static", "tcx", [2][]string{{"opened_dp"}, {"opened_ratelimit"}}, []string{"tcx", "xdp"}},
		{"xdp-dispatcher", "tcx", [2][]string{{"opened_decap", "opened_flowobs", "opened_acl"}, {"opened_ratelimit"}}, []string{"freplace", "tcx", "xdp"}},
	} {
		t.Run(tc.xdp+"+"+tc.tc, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "pl")
			m, err := Compose(context.Background(), exampleConfig(tc.xdp, tc.tc), out)
			if err != nil {
				t.Fatal(err)
			}
			for i, seg := range m.Segments {
				if strings.Join(seg.Programs, ",") != strings.Join(tc.programs[i], ",") {
					t.Errorf("segment %s: programs %v, want %v", seg.Hook, seg.Programs, tc.programs[i])
				}
				for _, f := range []string{seg.Source, seg.Object, seg.DispatcherObject} {
					if f == "" {
						continue
					}
					if _, err := os.Stat(filepath.Join(out, f)); err != nil {
						t.Error(err)
					}
				}
			}
			if strings.Join(m.Features, ",") != strings.Join(tc.features, ",") {
				t.Errorf("features %v, want %v", m.Features, tc.features)
			}
			if m.License != "GPL" {
				t.Errorf("license %q", m.License)
			}
			if (tc.xdp == "xdp-dispatcher") != (m.Segments[0].DispatcherObject != "") {
				t.Errorf("dispatcher object %q in mode %s", m.Segments[0].DispatcherObject, tc.xdp)
			}
			// Read back through the format package, as the loader does.
			if _, err := pipeline.Read(out); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// The flow observer declares its own helper pointers (bpf_map_lookup_elem, ...), which the
// decapsulator gets from <bpf/bpf_helpers.h>: they must be renamed in the flow observer's
// region only, every use included, and the entries must be renamed per stage.
func TestComposeRenames(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pl")
	m, err := Compose(context.Background(), exampleConfig("static", "static"), out)
	if err != nil {
		t.Fatal(err)
	}
	st := m.Stages[1]
	if st.Name != "flowobs" || st.Renamed["bpf_map_lookup_elem"] != "bpf_map_lookup_elem__flowobs" || st.Function != "xdp_flowobs_prog__flowobs" {
		t.Fatalf("flowobs stage: %+v", st)
	}
	if len(m.Stages[0].Renamed) != 0 {
		t.Errorf("decap: nothing clashes with earlier stages, got renames %v", m.Stages[0].Renamed)
	}
	src, err := os.ReadFile(filepath.Join(out, "xdp.c"))
	if err != nil {
		t.Fatal(err)
	}
	region := string(src)
	i := strings.Index(region, "stage 1: flowobs")
	j := strings.Index(region, "stage 2: acl")
	if i < 0 || j < i {
		t.Fatal("no flowobs region")
	}
	fl := region[i:j]
	if strings.Contains(fl, "bpf_map_lookup_elem(") || !strings.Contains(fl, "bpf_map_lookup_elem__flowobs(&flowobs_config") {
		t.Error("flowobs region: helper pointer not renamed at every use")
	}
	if !strings.Contains(fl, "#pragma push_macro(\"SEC\")") || !strings.Contains(fl, "#pragma pop_macro(\"SEC\")") {
		t.Error("flowobs's SEC macro is not confined to its region")
	}
	if strings.Count(region, "SEC(\"license\")") != 0 || strings.Count(region, "section(\"license\")") != 1 {
		t.Error("want exactly one license section, the generated one")
	}
	// The composed entry stops on the first verdict that is not XDP_PASS.
	for _, want := range []string{"v = xdp_decap_main__decap(ctx);", "if (!(v == XDP_PASS))", "v = xdp_acl_main__acl(ctx);"} {
		if !strings.Contains(region, want) {
			t.Errorf("composed entry lacks %q", want)
		}
	}
}

// Identical definitions are kept once; a map is shared only when it is the same source
// definition (file and line in maps.json and text).
func TestComposeSharesIdenticalDefinitions(t *testing.T) {
	dir := t.TempDir()
	// Two stages from the same unit: every definition is identical, the map is the same
	// source definition.
	for _, n := range []string{"a", "b"} {
		copyDir(t, filepath.Join(unitsDir, "decap"), filepath.Join(dir, n))
	}
	cfg := Config{Name: "dup", Mode: "static", Counters: false, Segments: []Segment{{Hook: "xdp", Mode: "static",
		Stages: []Stage{{Name: "a", Dir: filepath.Join(dir, "a")}, {Name: "b", Dir: filepath.Join(dir, "b")}}}}}
	m, err := Compose(context.Background(), cfg, filepath.Join(dir, "pl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Stages[1].Shared) == 0 || len(m.Stages[1].Renamed) != 0 {
		t.Errorf("stage b: shared %v renamed %v; want everything shared", m.Stages[1].Shared, m.Stages[1].Renamed)
	}
	var stats *pipeline.Map
	for i := range m.Maps {
		if m.Maps[i].Name == "decap_stats" {
			stats = &m.Maps[i]
		}
	}
	if stats == nil || strings.Join(stats.Stages, ",") != "a,b" {
		t.Errorf("decap_stats: %+v, want one map used by a and b", stats)
	}
}

func TestComposeDeterministic(t *testing.T) {
	var prev map[string][]byte
	for i := 0; i < 2; i++ {
		out := filepath.Join(t.TempDir(), "pl")
		if _, err := Compose(context.Background(), exampleConfig("tailcall", "tcx"), out); err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		ents, _ := os.ReadDir(out)
		for _, e := range ents {
			b, _ := os.ReadFile(filepath.Join(out, e.Name()))
			files[e.Name()] = b
		}
		if prev != nil {
			for n, b := range files {
				if !bytes.Equal(b, prev[n]) {
					t.Errorf("%s differs between two runs", n)
				}
			}
		}
		prev = files
	}
}

func TestComposeErrors(t *testing.T) {
	dir := t.TempDir()
	// A unit whose license is not GPL-compatible.
	copyDir(t, filepath.Join(unitsDir, "ratelimit"), filepath.Join(dir, "prop"))
	src, _ := os.ReadFile(filepath.Join(dir, "prop", "mcu.c"))
	src = bytes.Replace(src, []byte(`BPF_LICENSE("GPL");`), []byte(`BPF_LICENSE("Proprietary");`), 1)
	os.WriteFile(filepath.Join(dir, "prop", "mcu.c"), src, 0o644)
	if out, err := exec.Command("clang", "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c", filepath.Join(dir, "prop", "mcu.c"), "-o", filepath.Join(dir, "prop", "mcu.o")).CombinedOutput(); err != nil {
		t.Fatalf("clang: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"xdp unit at tc", func(c *Config) {
			c.Segments[0].Stages = c.Segments[0].Stages[:2]
			c.Segments[1].Stages = []Stage{stage("acl", 8)}
		},
			`opened.yaml:8: stage acl: entry xdp_acl_main is a XDP program (section "xdp") but its segment is at tc-ingress: move it with ` + "`opened transform --to tc-ingress`"},
		{"tc unit at xdp", func(c *Config) {
			c.Segments[0].Stages = []Stage{stage("decap", 4), stage("ratelimit", 5)}
			c.Segments[1].Stages = []Stage{stage("acl", 8)}
		},
			`opened.yaml:5: stage ratelimit: entry rl_ingress is a TC program (section "classifier") but its segment is at xdp`},
		{"duplicate", func(c *Config) { c.Segments[1].Stages = []Stage{stage("decap", 8)} },
			`opened.yaml:8: stage "decap" already runs in this pipeline (line 4)`},
		{"missing unit", func(c *Config) { c.Segments[0].Stages[2] = Stage{Name: "nat", Dir: filepath.Join(dir, "nat"), Line: 6} },
			`opened.yaml:6: stage nat: ` + filepath.Join(dir, "nat") + `: no such unit directory`},
		{"tcx at xdp", func(c *Config) { c.Segments[0].Mode = "tcx" }, `opened.yaml:3: mode "tcx" cannot run a segment at xdp`},
		{"dispatcher at tc", func(c *Config) { c.Segments[1].Mode = "xdp-dispatcher" }, `opened.yaml:7: mode "xdp-dispatcher" cannot run a segment at tc-ingress`},
		{"license conflict", func(c *Config) {
			c.Segments[1].Stages = []Stage{{Name: "prop", Dir: filepath.Join(dir, "prop"), Line: 8}}
		},
			`opened.yaml:8: license conflict: stage prop is "Proprietary" (not GPL-compatible), stage decap is "GPL": one program cannot carry both`},
		{"parsed headers", func(c *Config) { c.Share = []string{"parsed-headers"} }, `opened.yaml:1: share: parsed-headers is not implemented yet`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := exampleConfig("static", "static")
			tc.edit(&cfg)
			out := filepath.Join(t.TempDir(), "pl")
			_, err := Compose(context.Background(), cfg, out)
			var ce *Error
			if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("got %v\nwant prefix %s", err, tc.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("output written despite the error")
			}
		})
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
