package spec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const difftestStages = `extract:
  - {name: nf, repo: r, entry: fa, transform: {to: tc-ingress}}
  - {name: other, repo: r, entry: fb}
`

func TestDifftestParse(t *testing.T) {
	s, err := Parse("opened.yaml", []byte(difftestStages+`difftest:
  - name: nf_port
    a: nf
    b: nf_to_tc_ingress
  - name: nf_pcap
    a: nf
    b: //x:y
    pcaps: [testdata/edge.pcap]
    maps: seed.yaml
    seed: 7
  - name: both
    a: :nf
    b: other
    pcaps: a.pcap
    generate: 500
    ignore_maps: [buckets, .bss]
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Difftests) != 3 {
		t.Fatalf("%d difftests", len(s.Difftests))
	}
	d := s.Difftests[0]
	if d.Name != "nf_port" || d.A != "nf" || d.B != "nf_to_tc_ingress" || d.Frames() != DefaultDifftestFrames || d.Seed != 1 || d.Line != 5 || d.BLine != 7 {
		t.Errorf("0: %+v (frames %d)", d, d.Frames())
	}
	d = s.Difftests[1]
	if d.Frames() != 0 || d.Seed != 7 || d.Maps != "seed.yaml" || len(d.Pcaps) != 1 || d.Pcaps[0] != "testdata/edge.pcap" {
		t.Errorf("1: %+v (frames %d)", d, d.Frames())
	}
	if d := s.Difftests[2]; d.Frames() != 500 || len(d.Pcaps) != 1 || len(d.IgnoreMaps) != 2 || d.IgnoreMaps[1] != ".bss" {
		t.Errorf("2: %+v", d)
	}
}

func TestDifftestErrors(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"not a list", "difftest: {a: 1}\n", "opened.yaml:4: difftest: want a list"},
		{"unknown side", "difftest:\n  - name: x\n    a: nf\n    b: nope\n", `opened.yaml:7: b: "nope" is neither a stage, a stage's port nor a label (known: nf, nf_to_tc_ingress, other)`},
		{"missing b", "difftest:\n  - name: x\n    a: nf\n", "opened.yaml:5: b: missing"},
		{"unknown key", "difftest:\n  - name: x\n    a: nf\n    b: nf\n    frames: 3\n", "opened.yaml:8: frames: unknown key (known: name, a, b, generate, seed, pcaps, maps, ignore_maps)"},
		{"bad generate", "difftest:\n  - name: x\n    a: nf\n    b: nf\n    generate: lots\n", "opened.yaml:8: generate: want an integer"},
		{"negative generate", "difftest:\n  - name: x\n    a: nf\n    b: nf\n    generate: -5\n", "opened.yaml:8: generate: -5: want an integer from 0"},
		{"nothing to compare", "difftest:\n  - name: x\n    a: nf\n    b: nf\n    generate: 0\n", "opened.yaml:5: generate: 0 generated frames and no pcaps"},
		{"pcap outside", "difftest:\n  - name: x\n    a: nf\n    b: nf\n    pcaps: [../x.pcap]\n", `opened.yaml:8: pcaps: "../x.pcap" must be a file relative`},
		{"duplicate", "difftest:\n  - {name: x, a: nf, b: nf}\n  - {name: x, a: nf, b: nf}\n", `opened.yaml:6: name: difftest "x" already defined at line 5`},
		{"bad name", "difftest:\n  - {name: x-y, a: nf, b: nf}\n", `opened.yaml:5: name: "x-y": use letters`},
	} {
		_, err := Parse("opened.yaml", []byte(difftestStages+tc.yaml))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestDifftestValidateFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "opened.yaml")
	if err := os.WriteFile(filepath.Join(dir, "seed.yaml"), []byte("[]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Parse(p, []byte(difftestStages+"difftest:\n  - {name: x, a: nf, b: nf, maps: seed.yaml, pcaps: [edge.pcap]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = s.ValidateDifftests()
	if err == nil || !strings.Contains(err.Error(), "opened.yaml:5: pcaps: difftest x: file "+filepath.Join(dir, "edge.pcap")+" not found") {
		t.Fatalf("got %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "edge.pcap"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.ValidateDifftests(); err != nil {
		t.Fatal(err)
	}
}
