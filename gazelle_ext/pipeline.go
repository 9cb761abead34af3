package opened

import (
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/opened-ebpf/opened/tools/spec"
)

const (
	pipelineKind     = "ebpf_pipeline"
	pipelineLoadKind = "ebpf_pipeline_load"
	pipelineTestKind = "ebpf_pipeline_test"

	pipelineLoadSuffix = "_load"
	pipelineTestSuffix = "_test"
)

var pipelineKinds = map[string]rule.KindInfo{
	pipelineKind: {
		NonEmptyAttrs: map[string]bool{"stages": true},
		// Lists merge as sets in Gazelle; stages and hooks are ordered, so a rule whose
		// order changed is regenerated whole (reorderedPipelines).
		MergeableAttrs: map[string]bool{"stages": true, "hooks": true, "mode": true, "segment_modes": true},
	},
	pipelineLoadKind: {
		NonEmptyAttrs:  map[string]bool{"pipeline": true},
		MergeableAttrs: map[string]bool{"pipeline": true},
	},
	pipelineTestKind: {
		NonEmptyAttrs:  map[string]bool{"pipeline": true},
		MergeableAttrs: map[string]bool{"pipeline": true, "tags": true},
	},
}

func init() {
	for k, v := range pipelineKinds {
		openedKinds[k] = v
	}
}

// pipelineRules turns each pipeline of the spec into ebpf_pipeline(name), a runnable
// ebpf_pipeline_load(name_load) and, with verify tests on, ebpf_pipeline_test(name_test).
// claim reserves a target name for the YAML line that generates it.
func pipelineRules(s *spec.Spec, oc *openedConfig, claim func(line int, what, name, kind string) error) ([]*rule.Rule, error) {
	var out []*rule.Rule
	for i := range s.Pipelines {
		pl := &s.Pipelines[i]
		if err := claim(pl.Line, "pipeline "+pl.Name, pl.Name, pipelineKind); err != nil {
			return nil, err
		}
		var stages, hooks []string
		var modes []string
		for _, sg := range pl.Segments {
			for _, st := range sg.Stages {
				stages = append(stages, ":"+s.PipelineUnit(st.Name, sg.Hook))
				hooks = append(hooks, sg.Hook)
			}
			if sg.Mode != pl.Mode {
				modes = append(modes, sg.Hook+"="+sg.Mode)
			}
		}
		r := rule.NewRule(pipelineKind, pl.Name)
		r.SetAttr("stages", stages)
		r.SetAttr("hooks", hooks)
		r.SetAttr("mode", pl.Mode)
		if len(modes) > 0 {
			r.SetAttr("segment_modes", modes)
		}
		out = append(out, r)

		load := pl.Name + pipelineLoadSuffix
		if err := claim(pl.Line, "pipeline "+pl.Name, load, pipelineLoadKind); err != nil {
			return nil, err
		}
		l := rule.NewRule(pipelineLoadKind, load)
		l.SetAttr("pipeline", ":"+pl.Name)
		out = append(out, l)

		if !oc.verifyTests {
			continue
		}
		test := pl.Name + pipelineTestSuffix
		if err := claim(pl.Line, "pipeline "+pl.Name, test, pipelineTestKind); err != nil {
			return nil, err
		}
		t := rule.NewRule(pipelineTestKind, test)
		t.SetAttr("pipeline", ":"+pl.Name)
		if len(oc.kernelTestTags) > 0 {
			t.SetAttr("tags", oc.kernelTestTags)
		}
		out = append(out, t)
	}
	return out, nil
}

func isPipelineKind(c func(kind, want string) bool, kind string) bool {
	return c(kind, pipelineKind) || c(kind, pipelineLoadKind) || c(kind, pipelineTestKind)
}

// reorderedPipelines returns empty rules for existing ebpf_pipeline rules whose stages or hooks
// are in another order than generated: Gazelle deletes them and adds the generated ones anew,
// since its list merge would keep the old order.
func reorderedPipelines(f *rule.File, gen []*rule.Rule, same func(kind, want string) bool) []*rule.Rule {
	if f == nil {
		return nil
	}
	var out []*rule.Rule
	for _, g := range gen {
		if g.Kind() != pipelineKind {
			continue
		}
		for _, r := range f.Rules {
			if r.Name() != g.Name() || !same(r.Kind(), pipelineKind) {
				continue
			}
			if !equalStrings(r.AttrStrings("stages"), g.AttrStrings("stages")) || !equalStrings(r.AttrStrings("hooks"), g.AttrStrings("hooks")) {
				out = append(out, rule.NewRule(r.Kind(), r.Name()))
			}
		}
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
