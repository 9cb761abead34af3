package opened

import "github.com/bazelbuild/bazel-gazelle/rule"

const (
	extractKind    = "ebpf_extract"
	verifyTestKind = "ebpf_verify_test"

	// defsBzl is the public surface of the OPENED rules. A workspace that uses OPENED as an
	// external repository maps the kinds with "# gazelle:map_kind".
	defsBzl = "//rules:defs.bzl"

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
			"srcs":    true,
			"entry":   true,
			"cflags":  true,
			"defines": true,
			"prefer":  true,
		},
	},
	verifyTestKind: {
		NonEmptyAttrs:  map[string]bool{"unit": true},
		MergeableAttrs: map[string]bool{"unit": true, "tags": true},
	},
}

var openedLoads = []rule.LoadInfo{
	{
		Name:    defsBzl,
		Symbols: []string{extractKind, verifyTestKind},
	},
}

func (*openedLang) Kinds() map[string]rule.KindInfo { return openedKinds }
func (*openedLang) Loads() []rule.LoadInfo          { return openedLoads }
