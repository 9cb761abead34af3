package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const corpus = "../extract/testdata"

func TestRun(t *testing.T) {
	tmp := t.TempDir()
	abs, err := filepath.Abs(corpus)
	if err != nil {
		t.Fatal(err)
	}
	specPath := filepath.Join(tmp, "opened.yaml")
	if err := os.WriteFile(specPath, []byte("extract:\n  - name: chain\n    repo: "+filepath.Join(abs, "inline_chain")+
		"\n    entry: xdp_filter\n    cflags: [-Iinclude]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	innerSpec := filepath.Join(tmp, "inner.yaml")
	if err := os.WriteFile(innerSpec, []byte("extract:\n  - name: tenant\n    repo: "+filepath.Join(abs, "real_inner_unknown")+
		"\n    entry: xdp_tenant_acct\n    inner_maps: {tenant_tables: \"hash:8:32:16\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badSpec := filepath.Join(tmp, "bad.yaml")
	if err := os.WriteFile(badSpec, []byte("extract:\n  - name: x\n    repo: r\n    entry: \"a.c:zz\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	staleSpec := filepath.Join(tmp, "stale.yaml")
	if err := os.WriteFile(staleSpec, []byte("extract:\n  - name: gone\n    repo: "+filepath.Join(abs, "inline_chain")+
		"\n    entry: src/moved.c:12\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(tmp, "config.json")
	b, _ := json.Marshal(map[string]any{"name": "ddos", "repo": filepath.Join(corpus, "feature_gue"), "entry": "xdp_decap",
		"cflags": []string{"-Iinclude"}, "defines": []string{"ENABLE_GUE"}, "prefer": []string{}})
	if err := os.WriteFile(cfg, b, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(tmp, "index.db")
	tests := []struct {
		name   string
		args   []string
		err    string // substring of the error; "" means success
		stdout string
		stderr string
		outDir string // must exist after success, must not after failure
		mcuHas string
	}{
		{name: "no command", args: nil, err: "no command"},
		{name: "unknown command", args: []string{"frobnicate"}, err: `unknown command "frobnicate"`},
		{name: "extract needs args", args: []string{"extract", "--out", filepath.Join(tmp, "x")}, err: "required"},
		{name: "index", args: []string{"index", "--repo", filepath.Join(corpus, "inline_chain"), "--cflags", "-Iinclude", "--db", db},
			stdout: "indexed 1 translation units"},
		{name: "extract by name", args: []string{"extract", "--repo", filepath.Join(corpus, "maps_btf"), "--cflags", "-Iinclude",
			"--entry", "xdp_router", "--out", filepath.Join(tmp, "btf")},
			stdout: "extracted xdp_router (section xdp)", stderr: "user-space-map", outDir: filepath.Join(tmp, "btf"), mcuHas: "int xdp_router("},
		{name: "extract by file:line with prefer", args: []string{"extract", "--repo", filepath.Join(corpus, "dup_prefer"), "--cflags", "-Iinclude",
			"--entry", "src/xdp_score.c:15", "--prefer", "src/score_full.c", "--out", filepath.Join(tmp, "pref")},
			stdout: "extracted xdp_score (section xdp): 3 functions", stderr: "duplicate-resolved", outDir: filepath.Join(tmp, "pref"), mcuHas: "full_mix"},
		{name: "extract by absolute file:line", args: []string{"extract", "--repo", filepath.Join(corpus, "entry_fileline"),
			"--entry", filepath.Join(abs, "entry_fileline", "src", "progs.c") + ":20", "--out", filepath.Join(tmp, "absline")},
			stdout: "extracted xdp_vlan_filter", outDir: filepath.Join(tmp, "absline"), mcuHas: "xdp_vlan_filter("},
		{name: "absolute entry outside the repository", args: []string{"extract", "--repo", filepath.Join(corpus, "entry_fileline"),
			"--entry", filepath.Join(abs, "inline_chain", "src", "x.c") + ":3", "--out", filepath.Join(tmp, "absout")},
			err: "outside the repository"},
		{name: "spec stage", args: []string{"extract", "--unsafe-paths", "--spec", specPath, "--stage", "chain", "--out", filepath.Join(tmp, "spec")},
			stdout: "extracted xdp_filter", outDir: filepath.Join(tmp, "spec"), mcuHas: "xdp_filter("},
		{name: "spec, every stage", args: []string{"extract", "--unsafe-paths", "--spec", specPath, "--out", filepath.Join(tmp, "all")},
			stdout: "extracted xdp_filter", outDir: filepath.Join(tmp, "all", "chain"), mcuHas: "xdp_filter("},
		{name: "spec entry file missing", args: []string{"extract", "--unsafe-paths", "--spec", staleSpec, "--stage", "gone", "--out", filepath.Join(tmp, "gone")},
			err: "stale.yaml:2: entry: file src/moved.c not found"},
		{name: "spec unknown stage", args: []string{"extract", "--spec", specPath, "--stage", "nope", "--out", filepath.Join(tmp, "nostage")},
			err: `no stage named "nope"`, outDir: filepath.Join(tmp, "nostage")},
		{name: "malformed spec", args: []string{"extract", "--spec", badSpec, "--stage", "x", "--out", filepath.Join(tmp, "badspec")},
			err: "bad.yaml:4", outDir: filepath.Join(tmp, "badspec")},
		{name: "config with defines", args: []string{"extract", "--config", cfg, "--out", filepath.Join(tmp, "cfg")},
			stdout: "extracted xdp_decap (section xdp)", outDir: filepath.Join(tmp, "cfg"), mcuHas: "decap_gue"},
		{name: "line outside a function", args: []string{"extract", "--repo", filepath.Join(corpus, "bad_line_outside"),
			"--entry", "src/prog.c:10", "--out", filepath.Join(tmp, "outside")}, err: "src/prog.c:10: line is not inside a function", outDir: filepath.Join(tmp, "outside")},
		{name: "clang error shown", args: []string{"extract", "--repo", filepath.Join(corpus, "bad_syntax"),
			"--entry", "xdp_broken", "--out", filepath.Join(tmp, "syntax")}, err: "expected ';'", outDir: filepath.Join(tmp, "syntax")},
		{name: "verify rejects", args: []string{"extract", "--repo", filepath.Join(corpus, "bad_verifier"),
			"--entry", "xdp_unchecked", "--verify", "--out", filepath.Join(tmp, "verif")}, err: "verifier rejected", outDir: filepath.Join(tmp, "verif")},
		{name: "inner map unknown", args: []string{"extract", "--repo", filepath.Join(corpus, "real_inner_unknown"),
			"--entry", "xdp_tenant_acct", "--verify", "--out", filepath.Join(tmp, "inner0")},
			err: "src/tenant.c:26: map tenant_tables cannot be verified standalone", outDir: filepath.Join(tmp, "inner0")},
		{name: "inner map given", args: []string{"extract", "--repo", filepath.Join(corpus, "real_inner_unknown"),
			"--entry", "xdp_tenant_acct", "--inner-map", "tenant_tables=hash:8:32", "--verify", "--out", filepath.Join(tmp, "inner1")},
			stdout: "template from maps.json inner_shape (user) (Hash, key 8, value 32)", outDir: filepath.Join(tmp, "inner1"), mcuHas: "xdp_tenant_acct("},
		{name: "inner map from a spec stage", args: []string{"extract", "--unsafe-paths", "--spec", innerSpec, "--stage", "tenant", "--verify",
			"--out", filepath.Join(tmp, "inner2")},
			stdout: "verified xdp_tenant_acct", outDir: filepath.Join(tmp, "inner2"), mcuHas: "xdp_tenant_acct("},
		{name: "inner map of a map without inner maps", args: []string{"extract", "--repo", filepath.Join(corpus, "real_inner_unknown"),
			"--entry", "xdp_tenant_acct", "--inner-map", "tenant_misses=hash:8:32", "--out", filepath.Join(tmp, "inner3")},
			err: "inner map given for tenant_misses, which is not a map of maps", outDir: filepath.Join(tmp, "inner3")},
		{name: "malformed inner map", args: []string{"extract", "--repo", filepath.Join(corpus, "real_inner_unknown"),
			"--entry", "xdp_tenant_acct", "--inner-map", "tenant_tables=hash:8", "--out", filepath.Join(tmp, "inner4")},
			err: "want TYPE:KEY_SIZE:VALUE_SIZE", outDir: filepath.Join(tmp, "inner4")},
		{name: "verify unit", args: []string{"verify", "--unit", filepath.Join(tmp, "btf")}, stdout: "verified xdp_router at xdp"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(tc.args, &stdout, &stderr)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error = %v; want one containing %q", err, tc.err)
				}
				if tc.outDir != "" {
					if _, serr := os.Stat(tc.outDir); serr == nil {
						t.Errorf("%s exists after a failed run", tc.outDir)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("run: %v\nstderr: %s", err, stderr.String())
			}
			// A success case says what it prints (Contains(x, "") would check nothing).
			if tc.stdout == "" || tc.outDir != "" && tc.mcuHas == "" {
				t.Fatal("test case lacks stdout or mcuHas")
			}
			if !strings.Contains(stdout.String(), tc.stdout) {
				t.Errorf("stdout = %q; want %q", stdout.String(), tc.stdout)
			}
			if tc.stderr != "" && !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr = %q; want %q", stderr.String(), tc.stderr)
			}
			if tc.outDir != "" {
				src, err := os.ReadFile(filepath.Join(tc.outDir, "mcu.c"))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(src), tc.mcuHas) {
					t.Errorf("mcu.c lacks %q", tc.mcuHas)
				}
			}
		})
	}
}
