package spec

import (
	"strings"
	"testing"
)

const pipelineStages = `extract:
  - {name: a, repo: r, entry: fa}
  - {name: b, repo: r, entry: fb}
  - {name: c, repo: r, entry: fc}
`

func TestPipelineParse(t *testing.T) {
	s, err := Parse("opened.yaml", []byte(pipelineStages+`pipeline:
  - name: dp
    mode: static
    iface: eth0
    segments:
      - hook: xdp
        stages: [a, b]
      - hook: tc-ingress
        mode: tcx
        stages: [c]
`))
	if err != nil {
		t.Fatal(err)
	}
	pl, err := s.Pipeline("")
	if err != nil {
		t.Fatal(err)
	}
	if pl.Name != "dp" || pl.Iface != "eth0" || len(pl.Segments) != 2 {
		t.Fatalf("got %+v", pl)
	}
	if sg := pl.Segments[0]; sg.Hook != "xdp" || sg.Mode != "static" || len(sg.Stages) != 2 || sg.Stages[1].Name != "b" || sg.Stages[1].Line != 11 {
		t.Errorf("segment 0: %+v", sg)
	}
	if sg := pl.Segments[1]; sg.Hook != "tc-ingress" || sg.Mode != "tcx" || sg.Stages[0].Name != "c" {
		t.Errorf("segment 1: %+v", sg)
	}
}

func TestPipelineErrors(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown stage", `pipeline:
  - name: dp
    mode: static
    segments:
      - hook: xdp
        stages: [a, zz]
`, `opened.yaml:10: stages: unknown stage "zz" (stages: a, b, c)`},
		{"duplicate stage", `pipeline:
  - name: dp
    mode: static
    segments:
      - hook: xdp
        stages: [a, b]
      - hook: tc-ingress
        stages: [a]
`, `opened.yaml:12: stages: stage "a" already runs in this pipeline (line 10): a packet would pass it twice (a cycle)`},
		{"unknown mode", `pipeline:
  - name: dp
    mode: fast
    segments: [{hook: xdp, stages: [a]}]
`, `opened.yaml:7: mode: unknown mode "fast" (known: static, tailcall, tcx, xdp-dispatcher)`},
		{"unknown hook", `pipeline:
  - name: dp
    mode: static
    segments: [{hook: kprobe, stages: [a]}]
`, `opened.yaml:8: hook: unknown hook "kprobe" (known: xdp, tc-ingress, tc-egress)`},
		{"tcx at xdp", `pipeline:
  - name: dp
    mode: tcx
    segments:
      - hook: xdp
        stages: [a]
`, `opened.yaml:9: mode: tcx chains TC programs; an xdp segment needs static, tailcall or xdp-dispatcher`},
		{"two segments one hook", `pipeline:
  - name: dp
    mode: static
    segments:
      - {hook: xdp, stages: [a]}
      - {hook: xdp, stages: [b]}
`, `opened.yaml:10: hook: a segment at xdp is already declared at line 9 (one segment per hook)`},
		{"missing segments", `pipeline:
  - name: dp
    mode: static
`, `opened.yaml:6: segments: missing`},
		{"unknown key", `pipeline:
  - name: dp
    mode: static
    order: [a]
    segments: [{hook: xdp, stages: [a]}]
`, `opened.yaml:8: order: unknown key (known: name, mode, iface, share, segments)`},
		{"bad name", `pipeline:
  - name: my-dp
    mode: static
    segments: [{hook: xdp, stages: [a]}]
`, `opened.yaml:6: name: "my-dp": use letters, digits and '_' (it names programs and pins)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("opened.yaml", []byte(pipelineStages+tc.yaml))
			if err == nil || err.Error() != tc.want {
				t.Errorf("got %v\nwant %s", err, tc.want)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "opened.yaml:") {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
}
