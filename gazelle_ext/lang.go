// Package opened is a Gazelle language extension that writes Bazel targets for OPENED
// extraction specs.
//
// # Rule generation
//
// In every directory that holds a spec file (opened.yaml unless the opened_spec_file
// directive names another), the extension reads the spec with tools/spec, validates it
// (repository directory, entry file and line or function name, prefer files) and generates,
// for each extract stage, sorted by stage name:
//
//	ebpf_extract(
//	    name = "<stage>",
//	    srcs = ["//<repository package>:sources"],
//	    entry = "<file:line or function>",
//	    cflags = [...],   # directive defaults, then the spec's cflags, minus -D flags
//	    defines = [...],  # every -DNAME[=VALUE] flag, as NAME[=VALUE]
//	    prefer = [...],
//	    hdrs = [...],     # the spec's hdrs: labels of headers outside the repository
//	)
//
//	ebpf_verify_test(
//	    name = "<stage>_verify_test",
//	    unit = ":<stage>",
//	    tags = [...],     # opened_kernel_test_tags
//	)
//
// The repository is resolved relative to the spec's directory, must lie inside the
// workspace, and must be a Bazel package whose build file defines a target named
// "sources" (by convention filegroup(name = "sources", srcs = glob(["**/*.c", "**/*.h"]))).
// Existing ebpf_extract and ebpf_verify_test rules in that build file whose stage is no
// longer in the spec are emitted as empty rules, so Gazelle deletes them. Directories
// without a spec are left alone.
//
// # Directives
//
//	# gazelle:opened_spec_file NAME             spec file name (default opened.yaml)
//	# gazelle:opened_default_cflags FLAGS...    flags put before every stage's cflags
//	# gazelle:opened_kernel_test_tags T1,T2     tags of ebpf_verify_test
//	# gazelle:opened_verify_tests true|false    whether to generate ebpf_verify_test
//
// A directive applies to its directory and every directory below it.
//
// # Loads
//
// Generated files load the rules from "//rules:defs.bzl" inside OPENED's workspace (named
// "opened") and from "@opened//rules:defs.bzl" in any other workspace; a workspace that
// names the OPENED repository otherwise passes -opened_rules_repo=NAME to Gazelle
// (gazelle(args = [...])).
//
// # Errors
//
// An invalid directive value, or a spec that cannot be turned into targets, stops Gazelle
// (log.Fatal, as Gazelle's own languages do for directives) with a message naming the
// build file and line, or the spec file, YAML line and field.
//
// # Compatibility
//
// The package is built into a gazelle_binary by rules_go v0.34 with Go 1.19 and without
// cgo. It uses no API newer than Go 1.19: no slices, maps or cmp packages, no min and max
// builtins, no range over integers.
package opened

import (
	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

// languageName is the extension's name in Gazelle (c.Exts key, -lang value).
const languageName = "opened"

type openedLang struct {
	// rulesRepo is the -opened_rules_repo flag; defsLoad the load label CheckFlags derives
	// from it and the workspace name (rulesLoad).
	rulesRepo string
	defsLoad  string
}

// NewLanguage returns the OPENED language extension for a gazelle_binary.
func NewLanguage() language.Language {
	return &openedLang{}
}

func (*openedLang) Name() string { return languageName }

// Fix has nothing to repair: no deprecated forms of the rules exist.
func (*openedLang) Fix(c *config.Config, f *rule.File) {}
