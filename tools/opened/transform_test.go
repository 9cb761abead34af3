package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTransformCLI: opened transform ports an extracted unit, prints the report and writes
// the unit with changes.json; --verify loads the port; bad input fails and writes nothing.
func TestTransformCLI(t *testing.T) {
	tmp := t.TempDir()
	unit := filepath.Join(tmp, "unit")
	var out, errb bytes.Buffer
	if err := run([]string{"extract", "--repo", filepath.Join(corpus, "maps_btf"), "--cflags", "-Iinclude",
		"--entry", "xdp_router", "--out", unit}, &out, &errb); err != nil {
		t.Fatalf("extract: %v\n%s", err, errb.String())
	}
	for _, tc := range []struct {
		name   string
		args   []string
		err    string
		stdout []string
	}{
		{name: "to tc with verify", args: []string{"transform", "--unit", unit, "--to", "tc-ingress", "--verify", "--out", filepath.Join(tmp, "tc")},
			stdout: []string{"verified xdp_router at tcx/ingress (SchedCLS)", "ported xdp -> tcx/ingress", "[entry-wrapper] xdp_router -> xdp_router__xdp", "wrote "}},
		{name: "chained to egress", args: []string{"transform", "--unit", unit, "--to", "tc-egress", "--chained", "--out", filepath.Join(tmp, "eg")},
			stdout: []string{"ported xdp -> tcx/egress"}},
		{name: "unknown hook", args: []string{"transform", "--unit", unit, "--to", "lwt", "--out", filepath.Join(tmp, "lwt")},
			err: `--to "lwt": unknown hook`},
		{name: "not a unit", args: []string{"transform", "--unit", tmp, "--to", "xdp", "--out", filepath.Join(tmp, "nu")},
			err: "not an OPENED unit directory"},
		{name: "missing flags", args: []string{"transform", "--unit", unit}, err: "--unit, --to and --out are required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			err := run(tc.args, &out, &errb)
			dst := tc.args[len(tc.args)-1]
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				if _, serr := os.Stat(dst); serr == nil && strings.HasPrefix(dst, tmp+"/") && dst != unit {
					t.Errorf("%s written on error", dst)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v\n%s", err, errb.String())
			}
			for _, s := range tc.stdout {
				if !strings.Contains(out.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, out.String())
				}
			}
			for _, f := range []string{"functions.json", "maps.json", "warnings.json", "mcu.c", "mcu.o", "changes.json"} {
				if _, err := os.Stat(filepath.Join(dst, f)); err != nil {
					t.Errorf("port lacks %s", f)
				}
			}
		})
	}
}
