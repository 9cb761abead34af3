package opened

import "github.com/bazelbuild/bazel-gazelle/rule"

const (
	extractKind    = "ebpf_extract"
	verifyTestKind = "ebpf_verify_test"
	transformKind  = "ebpf_transform"

	// defsBzl is the public surface of the OPENED rules, inside OPENED's own workspace. Any
	// other workspace loads it from the repository named by -opened_rules_repo (default
	// "opened"): see rulesLoad.
	defsBzl = "//rules:defs.bzl"

	// defaultRulesRepo is the name OPENED's WORKSPACE gives itself and the name consumers
	// give the local_repository/http_archive that brings it in (docs/consumer.md).
	defaultRulesRepo = "opened"

	// sourcesTarget is the target every vendored repository package defines with its C
	// sources.
	sourcesTarget = "sources"

	verifyTestSuffix = "_verify_test"
)

// Rules are matched by name only: a renamed stage is a new target, and the old one is
// deleted. Every attribute the extension writes is mergeable, so the spec and the directives
// stay the single source of truth; "# keep" protects hand edits.
var openedKinds = map[string]rule.KindInfo{
	extractKind: {
		NonEmptyAttrs: map[string]bool{"srcs": true, "entry": true},
		MergeableAttrs: map[string]bool{
			"srcs":       true,
			"entry":      true,
			"cflags":     true,
			"defines":    true,
			"prefer":     true,
			"hdrs":       true,
			"inner_maps": true,
		},
	},
	transformKind: {
		NonEmptyAttrs:  map[string]bool{"unit": true, "to": true},
		MergeableAttrs: map[string]bool{"unit": true, "to": true, "chained": true},
	},
	verifyTestKind: {
		NonEmptyAttrs:  map[string]bool{"unit": true},
		MergeableAttrs: map[string]bool{"unit": true, "tags": true},
	},
}

// rulesLoad is the label generated files load the rules from: "//rules:defs.bzl" when Gazelle
// runs in the workspace named rulesRepo (OPENED itself), "@<rulesRepo>//rules:defs.bzl" in
// any other workspace. Gazelle reads the workspace name from WORKSPACE before CheckFlags,
// and calls Loads after it.
func rulesLoad(workspaceName, rulesRepo string) string {
	if workspaceName == rulesRepo {
		return defsBzl
	}
	return "@" + rulesRepo + defsBzl
}

func (*openedLang) Kinds() map[string]rule.KindInfo { return openedKinds }

func (l *openedLang) Loads() []rule.LoadInfo {
	name := l.defsLoad
	if name == "" {
		name = defsBzl
	}
	return []rule.LoadInfo{{Name: name, Symbols: []string{difftestKind, extractKind, pipelineKind, pipelineLoadKind, pipelineTestKind, transformKind, verifyTestKind}}}
}
