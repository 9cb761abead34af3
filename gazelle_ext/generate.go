package opened

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/opened-ebpf/opened/tools/spec"
)

// GenerateRules generates the targets of the spec in args.Dir. A spec that cannot be turned
// into targets stops Gazelle: generating nothing would silently delete or keep stale targets.
func (*openedLang) GenerateRules(args language.GenerateArgs) language.GenerateResult {
	res, err := generate(args)
	if err != nil {
		log.Fatal(err)
	}
	return res
}

// generate is GenerateRules returning its error, for tests.
func generate(args language.GenerateArgs) (language.GenerateResult, error) {
	var res language.GenerateResult
	oc := getConfig(args.Config)
	if !contains(args.RegularFiles, oc.specFile) {
		return res, nil
	}
	specRel := path.Join(args.Rel, oc.specFile)
	s, err := spec.Load(filepath.Join(args.Dir, oc.specFile))
	if err == nil {
		s.Root = args.Config.RepoRoot
		err = s.Validate()
	}
	if err != nil {
		return res, relocate(err, specRel, args.Config.RepoRoot)
	}

	stages := append([]spec.Extract(nil), s.Extracts...)
	sort.Slice(stages, func(i, j int) bool { return stages[i].Name < stages[j].Name })

	existing := existingRules(args)
	owner := map[string]int{} // generated rule name -> YAML line of its stage
	// claimAt reserves a target name for what (e.g. `stage "decap"`) at a YAML line.
	claimAt := func(at int, what, name, kind string) error {
		if line, ok := owner[name]; ok {
			return &spec.Error{File: specRel, Line: at, Field: "name",
				Msg: fmt.Sprintf("target %q of %s is also generated for the stage at line %d", name, what, line)}
		}
		owner[name] = at
		if old, ok := existing[name]; ok && !sameKind(args.Config, old.kind, kind) {
			return &spec.Error{File: specRel, Line: at, Field: "name",
				Msg: fmt.Sprintf("%s generates %s(name = %q), but %s %s(name = %q); rename the stage or the target",
					what, kind, name, old.where, old.kind, name)}
		}
		return nil
	}
	claim := func(e *spec.Extract, name, kind string) error {
		return claimAt(e.Line, fmt.Sprintf("stage %q", e.Name), name, kind)
	}

	for i := range stages {
		e := &stages[i]
		srcs, err := sourcesLabel(args, specRel, e)
		if err != nil {
			return res, err
		}
		cflags, defines, err := splitDefines(append(append([]string(nil), oc.defaultCFlags...), e.CFlags...))
		if err != nil {
			return res, &spec.Error{File: specRel, Line: e.Line, Field: "cflags", Msg: err.Error()}
		}

		if err := claim(e, e.Name, extractKind); err != nil {
			return res, err
		}
		r := rule.NewRule(extractKind, e.Name)
		r.SetAttr("srcs", []string{srcs})
		r.SetAttr("entry", e.Entry)
		if len(cflags) > 0 {
			r.SetAttr("cflags", cflags)
		}
		if len(defines) > 0 {
			r.SetAttr("defines", defines)
		}
		if len(e.Prefer) > 0 {
			r.SetAttr("prefer", e.Prefer)
		}
		if len(e.Hdrs) > 0 {
			r.SetAttr("hdrs", e.Hdrs)
		}
		if len(e.InnerMaps) > 0 {
			r.SetAttr("inner_maps", e.InnerMaps)
		}
		res.Gen = append(res.Gen, r)

		units := []string{e.Name}
		if e.Transform != nil {
			// The stage's port to another hook (transform: {to: ...}), verified like the unit.
			name := spec.TransformTarget(e.Name, e.Transform)
			if err := claimAt(e.Transform.Line, fmt.Sprintf("the transform of stage %q", e.Name), name, transformKind); err != nil {
				return res, err
			}
			tr := rule.NewRule(transformKind, name)
			tr.SetAttr("unit", ":"+e.Name)
			tr.SetAttr("to", e.Transform.To)
			if e.Transform.Chained {
				tr.SetAttr("chained", true)
			}
			res.Gen = append(res.Gen, tr)
			units = append(units, name)
		}

		if !oc.verifyTests {
			continue
		}
		for _, unit := range units {
			name := unit + verifyTestSuffix
			if err := claim(e, name, verifyTestKind); err != nil {
				return res, err
			}
			t := rule.NewRule(verifyTestKind, name)
			t.SetAttr("unit", ":"+unit)
			if len(oc.kernelTestTags) > 0 {
				t.SetAttr("tags", oc.kernelTestTags)
			}
			res.Gen = append(res.Gen, t)
		}
	}
	pls, err := pipelineRules(s, oc, claimAt)
	if err != nil {
		return res, err
	}
	res.Gen = append(res.Gen, pls...)
	res.Empty = append(res.Empty, reorderedPipelines(args.File, pls, func(k, w string) bool { return sameKind(args.Config, k, w) })...)
	dts, err := difftestRules(s, oc, claimAt)
	if err != nil {
		return res, err
	}
	res.Gen = append(res.Gen, dts...)
	res.Imports = make([]interface{}, len(res.Gen))

	// Targets of stages that left the spec (or verify tests that were switched off) become
	// empty rules, which Gazelle merges into the old ones and then deletes.
	if args.File != nil {
		for _, r := range args.File.Rules {
			if _, ok := owner[r.Name()]; ok {
				continue
			}
			if sameKind(args.Config, r.Kind(), extractKind) || sameKind(args.Config, r.Kind(), verifyTestKind) ||
				sameKind(args.Config, r.Kind(), transformKind) || sameKind(args.Config, r.Kind(), difftestKind) ||
				isPipelineKind(func(k, w string) bool { return sameKind(args.Config, k, w) }, r.Kind()) {
				res.Empty = append(res.Empty, rule.NewRule(r.Kind(), r.Name()))
			}
		}
	}
	return res, nil
}

// sourcesLabel checks the stage's repository is a package inside the workspace that defines
// the sources target, and returns the target's label relative to the spec's package.
func sourcesLabel(args language.GenerateArgs, specRel string, e *spec.Extract) (string, error) {
	fail := func(format string, a ...interface{}) error {
		return &spec.Error{File: specRel, Line: e.Line, Field: "repo", Msg: fmt.Sprintf(format, a...)}
	}
	root := args.Config.RepoRoot
	rel, err := filepath.Rel(root, e.RepoDir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fail("%s is outside the workspace; vendor the repository inside it", e.Repo)
	}
	pkg := filepath.ToSlash(rel)
	if pkg == "." {
		pkg = ""
	}
	build := ""
	for _, name := range args.Config.ValidBuildFileNames {
		p := filepath.Join(e.RepoDir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			build = p
			break
		}
	}
	want := fmt.Sprintf("filegroup(name = %q, srcs = glob([\"**/*.c\", \"**/*.h\"]))", sourcesTarget)
	if build == "" {
		return "", fail("%s is not a Bazel package: add %s with %s", displayDir(pkg), args.Config.DefaultBuildFileName(), want)
	}
	f, err := rule.LoadFile(build, pkg)
	if err != nil {
		return "", fail("reading %s: %v", path.Join(pkg, filepath.Base(build)), err)
	}
	found := false
	for _, r := range f.Rules {
		if r.Name() == sourcesTarget {
			found = true
			break
		}
	}
	if !found {
		return "", fail("%s defines no target %q: add %s", path.Join(pkg, filepath.Base(build)), sourcesTarget, want)
	}
	return label.New("", pkg, sourcesTarget).Rel("", args.Rel).String(), nil
}

func displayDir(pkg string) string {
	if pkg == "" {
		return "the workspace root"
	}
	return pkg
}

type existingRule struct{ kind, where string }

// existingRules maps the names of rules in the directory's build file and of rules other
// languages generated there to their kinds and origins.
func existingRules(args language.GenerateArgs) map[string]existingRule {
	m := map[string]existingRule{}
	if args.File != nil {
		where := path.Join(args.Rel, filepath.Base(args.File.Path))
		for _, r := range args.File.Rules {
			m[r.Name()] = existingRule{r.Kind(), where + " has"}
		}
	}
	for _, r := range args.OtherGen {
		m[r.Name()] = existingRule{r.Kind(), "another Gazelle language generates"}
	}
	return m
}

// sameKind reports whether kind is want or what a map_kind directive maps want to.
func sameKind(c *config.Config, kind, want string) bool {
	if kind == want {
		return true
	}
	if mk, ok := c.KindMap[want]; ok && mk.KindName == kind {
		return true
	}
	return false
}

// relocate makes the paths in a spec error workspace-relative, as Gazelle's messages are.
func relocate(err error, specRel, root string) error {
	var se *spec.Error
	if !errors.As(err, &se) {
		return fmt.Errorf("%s: %v", specRel, strings.ReplaceAll(err.Error(), root+string(filepath.Separator), ""))
	}
	cp := *se
	cp.File = specRel
	cp.Msg = strings.ReplaceAll(cp.Msg, root+string(filepath.Separator), "")
	return &cp
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
