package opened

import (
	"flag"
	"fmt"
	"log"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

const (
	specFileDirective       = "opened_spec_file"
	defaultCFlagsDirective  = "opened_default_cflags"
	kernelTestTagsDirective = "opened_kernel_test_tags"
	verifyTestsDirective    = "opened_verify_tests"
)

const defaultSpecFile = "opened.yaml"

// defaultKernelTestTags keep verifier tests on the host, out of the sandbox, the remote
// executors and the cache: they load programs into the running kernel, which needs root, and
// their result depends on that kernel. "exclusive" keeps them from running beside other tests
// that use the same hooks. ebpf_verify_test adds all but "exclusive" itself; writing them out
// shows in the build file what the test gets.
var defaultKernelTestTags = []string{"exclusive", "local", "no-cache", "no-remote", "no-sandbox", "requires-root"}

// openedConfig is the extension's configuration for one directory, in c.Exts[languageName].
type openedConfig struct {
	specFile       string
	defaultCFlags  []string
	kernelTestTags []string
	verifyTests    bool
}

func (oc *openedConfig) clone() *openedConfig {
	cc := *oc
	cc.defaultCFlags = append([]string(nil), oc.defaultCFlags...)
	cc.kernelTestTags = append([]string(nil), oc.kernelTestTags...)
	return &cc
}

func getConfig(c *config.Config) *openedConfig {
	if oc, ok := c.Exts[languageName].(*openedConfig); ok {
		return oc
	}
	return newConfig()
}

func newConfig() *openedConfig {
	return &openedConfig{
		specFile:       defaultSpecFile,
		kernelTestTags: append([]string(nil), defaultKernelTestTags...),
		verifyTests:    true,
	}
}

func (l *openedLang) RegisterFlags(fs *flag.FlagSet, cmd string, c *config.Config) {
	c.Exts[languageName] = newConfig()
	l.rulesRepo = defaultRulesRepo
	if fs != nil {
		fs.StringVar(&l.rulesRepo, "opened_rules_repo", defaultRulesRepo,
			"name of the repository that holds OPENED's rules in this workspace (generated files load @NAME//rules:defs.bzl)")
	}
}

// CheckFlags settles the load label of the rules: Gazelle has read the workspace name
// (c.RepoName) from WORKSPACE by now.
func (l *openedLang) CheckFlags(fs *flag.FlagSet, c *config.Config) error {
	if l.rulesRepo == "" || strings.ContainsAny(l.rulesRepo, "@/: ") {
		return fmt.Errorf("-opened_rules_repo=%q: want a repository name such as %q", l.rulesRepo, defaultRulesRepo)
	}
	l.defsLoad = rulesLoad(c.RepoName, l.rulesRepo)
	return nil
}

func (*openedLang) KnownDirectives() []string {
	return []string{specFileDirective, defaultCFlagsDirective, kernelTestTagsDirective, verifyTestsDirective}
}

// Configure applies the directives of the build file f in directory rel. An invalid directive
// stops Gazelle, as in Gazelle's own languages.
func (*openedLang) Configure(c *config.Config, rel string, f *rule.File) {
	if err := configure(c, rel, f); err != nil {
		log.Fatal(err)
	}
}

// configure is Configure returning its error, for tests.
func configure(c *config.Config, rel string, f *rule.File) error {
	oc := getConfig(c).clone()
	c.Exts[languageName] = oc
	if f == nil {
		return nil
	}
	lines := directiveLines(f)
	// A directive in a subdirectory replaces the inherited cflags; repeating it in one file
	// appends.
	cflagsSet := false
	for i, d := range f.Directives {
		var err error
		switch d.Key {
		case specFileDirective:
			err = setSpecFile(oc, d.Value)
		case defaultCFlagsDirective:
			var flags []string
			if flags, err = parseCFlags(d.Value); err == nil {
				if !cflagsSet {
					oc.defaultCFlags = nil
					cflagsSet = true
				}
				oc.defaultCFlags = append(oc.defaultCFlags, flags...)
			}
		case kernelTestTagsDirective:
			oc.kernelTestTags, err = parseTags(d.Value)
		case verifyTestsDirective:
			switch d.Value {
			case "true":
				oc.verifyTests = true
			case "false":
				oc.verifyTests = false
			default:
				err = fmt.Errorf("%q: want true or false", d.Value)
			}
		default:
			continue
		}
		if err != nil {
			loc := path.Join(rel, filepath.Base(f.Path))
			if i < len(lines) {
				loc = fmt.Sprintf("%s:%d", loc, lines[i])
			}
			return fmt.Errorf("%s: # gazelle:%s: %v", loc, d.Key, err)
		}
	}
	return nil
}

func setSpecFile(oc *openedConfig, v string) error {
	if v == "" || v == "." || v == ".." || strings.ContainsAny(v, `/\`) || strings.TrimSpace(v) != v {
		return fmt.Errorf("%q: want a file name in the directory, such as %s", v, defaultSpecFile)
	}
	oc.specFile = v
	return nil
}

// parseCFlags splits a directive value into flags. An empty value clears the defaults.
func parseCFlags(v string) ([]string, error) {
	flags := strings.Fields(v)
	if _, _, err := splitDefines(flags); err != nil {
		return nil, err
	}
	for _, f := range flags {
		if strings.ContainsAny(f, `"'`) {
			return nil, fmt.Errorf("%q: flags are split on spaces; quotes are not interpreted", f)
		}
	}
	return flags, nil
}

var tagRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.:=+-]*$`)

// parseTags parses a comma-separated tag list. An empty value means no tags.
func parseTags(v string) ([]string, error) {
	if v == "" {
		return nil, nil
	}
	var tags []string
	seen := map[string]bool{}
	for _, t := range strings.Split(v, ",") {
		t = strings.TrimSpace(t)
		if !tagRE.MatchString(t) {
			return nil, fmt.Errorf("tag %q in %q: want comma-separated tags of letters, digits and _ . : = + -", t, v)
		}
		if seen[t] {
			return nil, fmt.Errorf("tag %q given twice in %q", t, v)
		}
		seen[t] = true
		tags = append(tags, t)
	}
	return tags, nil
}

// splitDefines moves -DNAME and -D NAME flags into defines (as NAME, or NAME=VALUE) and
// keeps every other flag in order.
func splitDefines(flags []string) (cflags, defines []string, err error) {
	for i := 0; i < len(flags); i++ {
		f := flags[i]
		switch {
		case f == "-D":
			if i+1 >= len(flags) || strings.HasPrefix(flags[i+1], "-") {
				return nil, nil, fmt.Errorf("-D without a macro name")
			}
			i++
			defines = append(defines, flags[i])
		case strings.HasPrefix(f, "-D"):
			if strings.HasPrefix(f, "-D=") {
				return nil, nil, fmt.Errorf("%q: macro name missing", f)
			}
			defines = append(defines, f[len("-D"):])
		default:
			cflags = append(cflags, f)
		}
	}
	return cflags, defines, nil
}

var directiveRE = regexp.MustCompile(`^#\s*gazelle:(\w+)\s*(.*?)\s*$`)

// directiveLines returns the line of each of f.Directives, found the way rule.ParseDirectives
// finds them.
func directiveLines(f *rule.File) []int {
	if f.File == nil {
		return nil
	}
	var lines []int
	for _, s := range f.File.Stmt {
		cs := s.Comment()
		for _, c := range cs.Before {
			if directiveRE.MatchString(c.Token) {
				lines = append(lines, c.Start.Line)
			}
		}
		for _, c := range cs.After {
			if directiveRE.MatchString(c.Token) {
				lines = append(lines, c.Start.Line)
			}
		}
	}
	if len(lines) != len(f.Directives) {
		return nil
	}
	return lines
}
