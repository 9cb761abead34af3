package spec

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Pipeline is one item of the pipeline: section: stages, in the order the user declares, at
// the hooks of one interface.
//
//	pipeline:
//	  - name: datapath
//	    mode: static            # static, tailcall, tcx or xdp-dispatcher; default of the segments
//	    iface: eth0             # optional; `opened load --iface` overrides it
//	    segments:
//	      - hook: xdp
//	        stages: [decap, acl]
//	      - hook: tc-ingress
//	        mode: tcx
//	        stages: [flowobs_tc, ratelimit]
type Pipeline struct {
	Name  string `json:"name"`
	Mode  string `json:"mode"`
	Iface string `json:"iface,omitempty"`
	// Share lists state the stages share (only "parsed-headers" is known).
	Share    []string  `json:"share,omitempty"`
	Segments []Segment `json:"segments"`
	// Line is the YAML line of the pipeline.
	Line int `json:"-"`
}

// Segment is the part of a pipeline at one hook.
type Segment struct {
	// Hook is xdp, tc-ingress or tc-egress.
	Hook string `json:"hook"`
	// Mode is the segment's mode (the pipeline's when not given).
	Mode   string     `json:"mode"`
	Stages []StageRef `json:"stages"`
	Line   int        `json:"-"`
}

// StageRef names a stage (of extract: or of a later stage list) and where the name is written.
type StageRef struct {
	Name string `json:"name"`
	Line int    `json:"-"`
}

// Hooks a pipeline segment can sit at.
var PipelineHooks = []string{"xdp", "tc-ingress", "tc-egress"}

// PipelineModes are the composition modes.
var PipelineModes = []string{"static", "tailcall", "tcx", "xdp-dispatcher"}

func oneOf(v string, set []string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

// parsePipelines parses the value of the pipeline: key. Stage names are checked against the
// stages of the spec by checkPipelines, once every section is read.
func parsePipelines(p string, v *yaml.Node) ([]Pipeline, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, &Error{File: p, Line: v.Line, Field: "pipeline", Msg: "want a list of pipelines"}
	}
	var out []Pipeline
	seen := map[string]int{}
	for _, it := range v.Content {
		pl, err := parsePipeline(p, it)
		if err != nil {
			return nil, err
		}
		if prev, ok := seen[pl.Name]; ok {
			return nil, &Error{File: p, Line: pl.Line, Field: "name", Msg: fmt.Sprintf("pipeline %q already defined at line %d", pl.Name, prev)}
		}
		seen[pl.Name] = pl.Line
		out = append(out, pl)
	}
	if len(out) == 0 {
		return nil, &Error{File: p, Line: v.Line, Field: "pipeline", Msg: "no pipelines"}
	}
	return out, nil
}

func parsePipeline(p string, n *yaml.Node) (Pipeline, error) {
	pl := Pipeline{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return pl, &Error{File: p, Line: n.Line, Field: "pipeline", Msg: "want a mapping with name, mode, segments"}
	}
	have := map[string]bool{}
	var segs *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if have[k.Value] {
			return pl, &Error{File: p, Line: k.Line, Field: k.Value, Msg: "given twice"}
		}
		have[k.Value] = true
		var err error
		switch k.Value {
		case "name":
			pl.Name, err = scalar(v)
			if err == nil && !identRE.MatchString(pl.Name) {
				err = fmt.Errorf("%q: use letters, digits and '_' (it names programs and pins)", pl.Name)
			}
		case "mode":
			pl.Mode, err = scalar(v)
			if err == nil && !oneOf(pl.Mode, PipelineModes) {
				err = fmt.Errorf("unknown mode %q (known: %s)", pl.Mode, strings.Join(PipelineModes, ", "))
			}
		case "iface":
			pl.Iface, err = scalar(v)
		case "share":
			pl.Share, err = stringsOf(v, false)
			for _, s := range pl.Share {
				if err == nil && s != "parsed-headers" {
					err = fmt.Errorf("unknown shared state %q (known: parsed-headers)", s)
				}
			}
		case "segments":
			if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
				err = fmt.Errorf("want a non-empty list of segments (hook, stages)")
			}
			segs = v
		default:
			return pl, &Error{File: p, Line: k.Line, Field: k.Value, Msg: "unknown key (known: name, mode, iface, share, segments)"}
		}
		if err != nil {
			return pl, &Error{File: p, Line: v.Line, Field: k.Value, Msg: err.Error()}
		}
	}
	for _, f := range []string{"name", "mode", "segments"} {
		if !have[f] {
			return pl, &Error{File: p, Line: n.Line, Field: f, Msg: "missing"}
		}
	}
	hooks := map[string]int{}
	stages := map[string]int{}
	for _, sn := range segs.Content {
		sg, err := parseSegment(p, sn, pl.Mode)
		if err != nil {
			return pl, err
		}
		if prev, ok := hooks[sg.Hook]; ok {
			return pl, &Error{File: p, Line: sg.Line, Field: "hook", Msg: fmt.Sprintf("a segment at %s is already declared at line %d (one segment per hook)", sg.Hook, prev)}
		}
		hooks[sg.Hook] = sg.Line
		for _, st := range sg.Stages {
			if prev, ok := stages[st.Name]; ok {
				return pl, &Error{File: p, Line: st.Line, Field: "stages", Msg: fmt.Sprintf("stage %q already runs in this pipeline (line %d): a packet would pass it twice (a cycle)", st.Name, prev)}
			}
			stages[st.Name] = st.Line
		}
		pl.Segments = append(pl.Segments, sg)
	}
	return pl, nil
}

func parseSegment(p string, n *yaml.Node, mode string) (Segment, error) {
	sg := Segment{Line: n.Line, Mode: mode}
	if n.Kind != yaml.MappingNode {
		return sg, &Error{File: p, Line: n.Line, Field: "segments", Msg: "want a mapping with hook and stages"}
	}
	have := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if have[k.Value] {
			return sg, &Error{File: p, Line: k.Line, Field: k.Value, Msg: "given twice"}
		}
		have[k.Value] = true
		var err error
		switch k.Value {
		case "hook":
			sg.Hook, err = scalar(v)
			if err == nil && !oneOf(sg.Hook, PipelineHooks) {
				err = fmt.Errorf("unknown hook %q (known: %s)", sg.Hook, strings.Join(PipelineHooks, ", "))
			}
		case "mode":
			sg.Mode, err = scalar(v)
			if err == nil && !oneOf(sg.Mode, PipelineModes) {
				err = fmt.Errorf("unknown mode %q (known: %s)", sg.Mode, strings.Join(PipelineModes, ", "))
			}
		case "stages":
			if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
				err = fmt.Errorf("want a non-empty list of stage names")
				break
			}
			for _, c := range v.Content {
				if c.Kind != yaml.ScalarNode || c.Value == "" {
					return sg, &Error{File: p, Line: c.Line, Field: "stages", Msg: "want a stage name"}
				}
				sg.Stages = append(sg.Stages, StageRef{Name: c.Value, Line: c.Line})
			}
		default:
			return sg, &Error{File: p, Line: k.Line, Field: k.Value, Msg: "unknown key (known: hook, mode, stages)"}
		}
		if err != nil {
			return sg, &Error{File: p, Line: v.Line, Field: k.Value, Msg: err.Error()}
		}
	}
	for _, f := range []string{"hook", "stages"} {
		if !have[f] {
			return sg, &Error{File: p, Line: n.Line, Field: f, Msg: "missing"}
		}
	}
	if sg.Mode == "tcx" && sg.Hook == "xdp" {
		return sg, &Error{File: p, Line: n.Line, Field: "mode", Msg: "tcx chains TC programs; an xdp segment needs static, tailcall or xdp-dispatcher"}
	}
	if sg.Mode == "xdp-dispatcher" && sg.Hook != "xdp" {
		return sg, &Error{File: p, Line: n.Line, Field: "mode", Msg: "xdp-dispatcher is for xdp segments; a tc segment needs static, tailcall or tcx"}
	}
	return sg, nil
}

// checkPipelines reports pipeline stages that name no stage of the spec.
func (s *Spec) checkPipelines() error {
	known := map[string]bool{}
	var names []string
	for _, e := range s.Extracts {
		known[e.Name] = true
		names = append(names, e.Name)
	}
	sort.Strings(names)
	for _, pl := range s.Pipelines {
		for _, sg := range pl.Segments {
			for _, st := range sg.Stages {
				if !known[st.Name] {
					return &Error{File: s.Path, Line: st.Line, Field: "stages", Msg: fmt.Sprintf("unknown stage %q (stages: %s)", st.Name, strings.Join(names, ", "))}
				}
			}
		}
	}
	return nil
}

// Pipeline returns the pipeline with the given name; an empty name selects the only one.
func (s *Spec) Pipeline(name string) (*Pipeline, error) {
	var names []string
	for i := range s.Pipelines {
		if s.Pipelines[i].Name == name || name == "" && len(s.Pipelines) == 1 {
			return &s.Pipelines[i], nil
		}
		names = append(names, s.Pipelines[i].Name)
	}
	if len(names) == 0 {
		return nil, &Error{File: s.Path, Field: "pipeline", Msg: "the spec has no pipeline: section"}
	}
	if name == "" {
		return nil, &Error{File: s.Path, Field: "pipeline", Msg: fmt.Sprintf("several pipelines, name one (%s)", strings.Join(names, ", "))}
	}
	return nil, &Error{File: s.Path, Field: "pipeline", Msg: fmt.Sprintf("no pipeline named %q (pipelines: %s)", name, strings.Join(names, ", "))}
}

// PipelineUnit names the unit a pipeline stage runs at hook: the stage's port
// (TransformTarget) when its transform: goes to that hook, else the extracted unit (the stage's
// name). A stage at a hook that neither reaches is reported by compose with the YAML line.
func (s *Spec) PipelineUnit(stage, hook string) string {
	for _, e := range s.Extracts {
		if e.Name == stage && e.Transform != nil && e.Transform.To == hook {
			return TransformTarget(e.Name, e.Transform)
		}
	}
	return stage
}
