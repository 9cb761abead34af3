package spec

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Transform is a stage's transform: key: port the extracted unit to another hook
// (opened transform; Gazelle writes an ebpf_transform target and its verify test).
//
//	transform: {to: tc-ingress, chained: true}
type Transform struct {
	// To is tc-ingress, tc-egress or xdp.
	To string `json:"to"`
	// Chained maps XDP_PASS to the tcx "next" verdict.
	Chained bool `json:"chained,omitempty"`
	// Line is the YAML line of the key, for error messages.
	Line int `json:"-"`
}

// TransformTargets are the hooks a transform: may name.
var TransformTargets = []string{"tc-ingress", "tc-egress", "xdp"}

func parseTransform(p string, v *yaml.Node) (*Transform, error) {
	if v.Kind != yaml.MappingNode {
		return nil, &Error{File: p, Line: v.Line, Field: "transform", Msg: "want a mapping, e.g. {to: tc-ingress}"}
	}
	t := &Transform{Line: v.Line}
	have := map[string]bool{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if have[k.Value] {
			return nil, &Error{File: p, Line: k.Line, Field: "transform." + k.Value, Msg: "given twice"}
		}
		have[k.Value] = true
		switch k.Value {
		case "to":
			s, err := scalar(val)
			if err != nil {
				return nil, &Error{File: p, Line: val.Line, Field: "transform.to", Msg: err.Error()}
			}
			ok := false
			for _, x := range TransformTargets {
				ok = ok || s == x
			}
			if !ok {
				return nil, &Error{File: p, Line: val.Line, Field: "transform.to", Msg: fmt.Sprintf("%q: use tc-ingress, tc-egress or xdp", s)}
			}
			t.To = s
		case "chained":
			if val.Kind != yaml.ScalarNode || (val.Value != "true" && val.Value != "false") {
				return nil, &Error{File: p, Line: val.Line, Field: "transform.chained", Msg: "want true or false"}
			}
			t.Chained = val.Value == "true"
		default:
			return nil, &Error{File: p, Line: k.Line, Field: "transform." + k.Value, Msg: "unknown key (known: to, chained)"}
		}
	}
	if t.To == "" {
		return nil, &Error{File: p, Line: v.Line, Field: "transform.to", Msg: "missing"}
	}
	if t.Chained && t.To == "xdp" {
		return nil, &Error{File: p, Line: v.Line, Field: "transform.chained", Msg: "chained only applies to ports to tc"}
	}
	return t, nil
}

// TransformTarget is the Bazel target name of a stage's port: STAGE_to_HOOK
// (decap_to_tc_ingress).
func TransformTarget(stage string, t *Transform) string {
	out := []byte(stage + "_to_" + t.To)
	for i, c := range out {
		if c == '-' || c == '.' {
			out[i] = '_'
		}
	}
	return string(out)
}
