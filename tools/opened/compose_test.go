package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// opened compose --spec: the spec's pipeline with units from --units; errors name the YAML
// file and line and leave no output; load/status/unload refuse what they cannot do before
// touching an interface.
func TestComposeCLI(t *testing.T) {
	units, err := filepath.Abs("../compose/testdata/units")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	write := func(name, pipeline string) string {
		p := filepath.Join(tmp, name)
		spec := "extract:\n" +
			"  - {name: decap, repo: r, entry: xdp_decap_main}\n" +
			"  - {name: acl, repo: r, entry: xdp_acl_main}\n" +
			"  - {name: ratelimit, repo: r, entry: rl_ingress}\n" +
			"pipeline:\n" + pipeline
		if err := os.WriteFile(p, []byte(spec), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", "  - name: dp\n    mode: static\n    segments:\n      - {hook: xdp, stages: [decap, acl]}\n      - {hook: tc-ingress, stages: [ratelimit]}\n")
	wrongHook := write("hook.yaml", "  - name: dp\n    mode: static\n    segments:\n      - {hook: xdp, stages: [decap]}\n      - hook: tc-ingress\n        stages: [acl]\n")
	unknown := write("unknown.yaml", "  - name: dp\n    mode: static\n    segments:\n      - {hook: xdp, stages: [decap, nat]}\n")
	for _, tc := range []struct {
		name   string
		args   []string
		err    string
		stdout string
		out    string
	}{
		{"compose", []string{"compose", "--spec", good, "--units", units, "--out", filepath.Join(tmp, "pl")},
			"", "composed dp at tc-ingress (static): [ratelimit]", filepath.Join(tmp, "pl")},
		{"wrong hook", []string{"compose", "--spec", wrongHook, "--units", units, "--out", filepath.Join(tmp, "bad1")},
			wrongHook + ":11: stage acl: entry xdp_acl_main is a XDP program (section \"xdp\") but its segment is at tc-ingress: move it with `opened transform --to tc-ingress`", "", ""},
		{"unknown stage", []string{"compose", "--spec", unknown, "--units", units, "--out", filepath.Join(tmp, "bad2")},
			unknown + ":9: stages: unknown stage \"nat\" (stages: acl, decap, ratelimit)", "", ""},
		{"no units", []string{"compose", "--spec", good, "--out", filepath.Join(tmp, "bad3")}, "--units is required", "", ""},
		{"load no pipeline", []string{"load", "--iface", "lo"}, "--pipeline is required", "", ""},
		{"load missing iface", []string{"load", "--pipeline", filepath.Join(tmp, "pl"), "--iface", "nosuchif9"}, `interface "nosuchif9"`, "", ""},
		{"unload nothing", []string{"unload", "--iface", "nosuchif9"}, "interface nosuchif9: no pipeline of OPENED attached", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(tc.args, &stdout, &stderr)
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("got %v\nwant %s", err, tc.err)
			}
			if !strings.Contains(stdout.String(), tc.stdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tc.stdout)
			}
			if tc.err != "" {
				for _, a := range tc.args {
					if strings.HasPrefix(a, filepath.Join(tmp, "bad")) {
						if _, err := os.Stat(a); err == nil {
							t.Errorf("%s written despite the error", a)
						}
					}
				}
			}
			if tc.out != "" {
				for _, f := range []string{"manifest.json", "pipeline.dot", "xdp.c", "xdp.o", "tc_ingress.c", "tc_ingress.o"} {
					if _, err := os.Stat(filepath.Join(tc.out, f)); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
}
