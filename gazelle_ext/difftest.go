package opened

import (
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/opened-ebpf/opened/tools/spec"
)

const difftestKind = "ebpf_difftest"

var difftestKinds = map[string]rule.KindInfo{
	difftestKind: {
		NonEmptyAttrs:  map[string]bool{"a": true, "b": true},
		MergeableAttrs: map[string]bool{"a": true, "b": true, "generate": true, "seed": true, "pcaps": true, "maps": true, "ignore_maps": true, "tags": true},
	},
}

func init() {
	for k, v := range difftestKinds {
		openedKinds[k] = v
	}
}

// difftestRules turns each item of the difftest: section into an ebpf_difftest test. Sides
// written as names become ":name" (a stage's unit or port in this package); labels are kept.
// Pcaps and the map seed are files of the spec's package. Difftests are kernel tests, so
// they are generated only with verify tests on, with the kernel-test tags.
func difftestRules(s *spec.Spec, oc *openedConfig, claim func(line int, what, name, kind string) error) ([]*rule.Rule, error) {
	if !oc.verifyTests {
		return nil, nil
	}
	var out []*rule.Rule
	for i := range s.Difftests {
		d := &s.Difftests[i]
		if err := claim(d.Line, "difftest "+d.Name, d.Name, difftestKind); err != nil {
			return nil, err
		}
		r := rule.NewRule(difftestKind, d.Name)
		r.SetAttr("a", sideLabel(d.A))
		r.SetAttr("b", sideLabel(d.B))
		if d.Generate >= 0 {
			r.SetAttr("generate", d.Generate)
		}
		if d.Seed != 1 {
			r.SetAttr("seed", int(d.Seed))
		}
		if len(d.Pcaps) > 0 {
			r.SetAttr("pcaps", d.Pcaps)
		}
		if d.Maps != "" {
			r.SetAttr("maps", d.Maps)
		}
		if len(d.IgnoreMaps) > 0 {
			r.SetAttr("ignore_maps", d.IgnoreMaps)
		}
		if len(oc.kernelTestTags) > 0 {
			r.SetAttr("tags", oc.kernelTestTags)
		}
		out = append(out, r)
	}
	return out, nil
}

func sideLabel(s string) string {
	if spec.IsLabel(s) {
		return s
	}
	return ":" + s
}
