package spec

import (
	"strings"
	"testing"
)

func TestTransformKey(t *testing.T) {
	head := "extract:\n  - name: decap\n    repo: r\n    entry: f\n"
	for _, tc := range []struct {
		yaml, err string
		want      Transform
	}{
		{yaml: "    transform: {to: tc-ingress}\n", want: Transform{To: "tc-ingress"}},
		{yaml: "    transform: {to: tc-egress, chained: true}\n", want: Transform{To: "tc-egress", Chained: true}},
		{yaml: "    transform:\n      to: xdp\n", want: Transform{To: "xdp"}},
		{yaml: "    transform: {to: tc}\n", err: `opened.yaml:5: transform.to: "tc": use tc-ingress, tc-egress or xdp`},
		{yaml: "    transform: {chained: true}\n", err: "opened.yaml:5: transform.to: missing"},
		{yaml: "    transform: {to: xdp, chained: true}\n", err: "opened.yaml:5: transform.chained: chained only applies to ports to tc"},
		{yaml: "    transform: {to: xdp, chained: yes}\n", err: "opened.yaml:5: transform.chained: want true or false"},
		{yaml: "    transform: {to: xdp, hook: tc}\n", err: "opened.yaml:5: transform.hook: unknown key (known: to, chained)"},
		{yaml: "    transform: tc-ingress\n", err: "opened.yaml:5: transform: want a mapping, e.g. {to: tc-ingress}"},
	} {
		s, err := Parse("opened.yaml", []byte(head+tc.yaml))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.yaml, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.yaml, err)
			continue
		}
		got := s.Extracts[0].Transform
		if got == nil || got.To != tc.want.To || got.Chained != tc.want.Chained {
			t.Errorf("%q: transform %+v, want %+v", tc.yaml, got, tc.want)
		}
	}
	if got := TransformTarget("decap", &Transform{To: "tc-ingress"}); got != "decap_to_tc_ingress" {
		t.Errorf("TransformTarget = %q", got)
	}
}
