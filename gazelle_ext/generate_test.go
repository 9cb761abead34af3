package opened

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/merger"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

var update = flag.Bool("update", false, "rewrite the golden BUILD.out and error.txt files under testdata")

// Each directory under testdata is a workspace. Build files are named BUILD.in (the file as
// it is before Gazelle runs; vendored repositories' packages use the same name), and
// BUILD.out holds what Gazelle must leave in a directory. A case whose run must fail holds
// error.txt with the error, the workspace path written as $WORKSPACE.
const (
	inName    = "BUILD.in"
	outName   = "BUILD.out"
	errorName = "error.txt"
)

func TestGenerateGolden(t *testing.T) {
	cases, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, tc := range cases {
		if !tc.IsDir() {
			continue
		}
		n++
		t.Run(tc.Name(), func(t *testing.T) { runCase(t, filepath.Join("testdata", tc.Name())) })
	}
	if n == 0 {
		t.Fatal("no cases under testdata")
	}
}

func runCase(t *testing.T, dir string) {
	root, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	w := &workspace{t: t, root: root, outs: map[string][]byte{}}
	c := w.config()
	runErr := w.visit(c, root, "")

	// Errors.
	errPath := filepath.Join(root, errorName)
	var gotErr string
	if runErr != nil {
		gotErr = strings.ReplaceAll(runErr.Error(), root, "$WORKSPACE") + "\n"
	}
	wantErr, readErr := os.ReadFile(errPath)
	switch {
	case *update && gotErr != "":
		if err := os.WriteFile(errPath, []byte(gotErr), 0o644); err != nil {
			t.Fatal(err)
		}
	case *update:
		os.Remove(errPath)
	case readErr == nil && gotErr == "":
		t.Errorf("Gazelle succeeded; want error %q", strings.TrimSpace(string(wantErr)))
	case readErr == nil && gotErr != string(wantErr):
		t.Errorf("error:\n got %s want %s", gotErr, wantErr)
	case readErr != nil && gotErr != "":
		t.Errorf("unexpected error: %s", gotErr)
	}
	if runErr != nil {
		return
	}

	// Build files.
	for rel, got := range w.outs {
		outPath := filepath.Join(root, filepath.FromSlash(rel), outName)
		if *update {
			if err := os.WriteFile(outPath, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(outPath)
		if err != nil {
			t.Errorf("%s: Gazelle changed the package, and %s is missing:\n%s", displayRel(rel), outName, got)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s/%s differs:\n--- got\n%s--- want\n%s", displayRel(rel), outName, got, want)
		}
	}
	// Every BUILD.out must correspond to a package Gazelle changed or created.
	err = filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.Name() != outName {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); rel == "." {
			rel = ""
		}
		if _, ok := w.outs[rel]; !ok {
			t.Errorf("%s: Gazelle left the package alone, but %s exists", displayRel(rel), outName)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func displayRel(rel string) string {
	if rel == "" {
		return "."
	}
	return rel
}

// workspace runs the extension over one test workspace the way gazelle's update command
// does: configure top-down with the flags and directives, generate, map kinds, merge, fix
// loads and format.
type workspace struct {
	t    *testing.T
	root string
	lang language.Language
	// outs maps the directories whose build files Gazelle wrote to the formatted files.
	outs map[string][]byte
}

func (w *workspace) config() *config.Config {
	w.lang = NewLanguage()
	c := config.New()
	c.WorkDir = w.root
	cexts := []config.Configurer{&config.CommonConfigurer{}, w.lang}
	fs := flag.NewFlagSet("gazelle", flag.ContinueOnError)
	for _, cx := range cexts {
		cx.RegisterFlags(fs, "update", c)
	}
	if err := fs.Parse([]string{"-repo_root", w.root, "-build_file_name", inName}); err != nil {
		w.t.Fatal(err)
	}
	// Gazelle's update command reads the workspace name from WORKSPACE before the
	// languages' CheckFlags. A case holding REPO_NAME runs as that workspace (a consumer of
	// OPENED); every other case runs inside OPENED's own workspace.
	c.RepoName = defaultRulesRepo
	if b, err := os.ReadFile(filepath.Join(w.root, "REPO_NAME")); err == nil {
		c.RepoName = strings.TrimSpace(string(b))
	}
	for _, cx := range cexts {
		if err := cx.CheckFlags(fs, c); err != nil {
			w.t.Fatal(err)
		}
	}
	return c
}

func (w *workspace) visit(parent *config.Config, dir, rel string) error {
	c := parent.Clone()
	f, err := loadBuild(filepath.Join(dir, inName), rel)
	if err != nil {
		return err
	}
	(&config.CommonConfigurer{}).Configure(c, rel, f)
	if err := configure(c, rel, f); err != nil {
		return err
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var subdirs, regular []string
	for _, e := range entries {
		if e.IsDir() {
			subdirs = append(subdirs, e.Name())
		} else {
			regular = append(regular, e.Name())
		}
	}
	for _, sub := range subdirs {
		if err := w.visit(c, filepath.Join(dir, sub), path.Join(rel, sub)); err != nil {
			return err
		}
	}

	args := language.GenerateArgs{Config: c, Dir: dir, Rel: rel, File: f, Subdirs: subdirs, RegularFiles: regular}
	got, err := w.update(args)
	if err != nil || got == nil {
		return err
	}
	// Gazelle's output is stable: running it again over its own output changes nothing.
	if args.File, err = rule.LoadData(filepath.Join(dir, inName), rel, got); err != nil {
		return fmt.Errorf("%s: reparsing the output: %v", displayRel(rel), err)
	}
	again, err := w.update(args)
	if err != nil {
		return fmt.Errorf("%s: second run: %v", displayRel(rel), err)
	}
	if !bytes.Equal(again, got) {
		w.t.Errorf("%s: second run changed the output:\n--- first\n%s--- second\n%s", displayRel(rel), got, again)
	}
	w.outs[rel] = got
	return nil
}

// update generates and merges one directory's rules, returning the formatted build file or
// nil when Gazelle would leave the directory alone.
func (w *workspace) update(args language.GenerateArgs) ([]byte, error) {
	res, err := generate(args)
	if err != nil {
		return nil, err
	}
	if len(res.Gen) != len(res.Imports) {
		w.t.Fatalf("%s: %d rules but %d imports", args.Rel, len(res.Gen), len(res.Imports))
	}
	if len(res.Gen) == 0 && len(res.Empty) == 0 {
		return nil, nil
	}
	kinds := map[string]rule.KindInfo{}
	for k, v := range w.lang.Kinds() {
		kinds[k] = v
	}
	loads := append([]rule.LoadInfo(nil), w.lang.Loads()...)
	for _, r := range res.Gen {
		if mk, ok := args.Config.KindMap[r.Kind()]; ok {
			kinds[mk.KindName] = kinds[r.Kind()]
			loads = append(loads, rule.LoadInfo{Name: mk.KindLoad, Symbols: []string{mk.KindName}})
			r.SetKind(mk.KindName)
		}
	}
	f := args.File
	if f == nil {
		f = rule.EmptyFile(filepath.Join(args.Dir, inName), args.Rel)
		for _, r := range res.Gen {
			r.Insert(f)
		}
	} else {
		// Merge into a copy: args.File is the configuration's view of the old file.
		var err error
		if f, err = rule.LoadData(f.Path, f.Pkg, f.Format()); err != nil {
			return nil, err
		}
		merger.MergeFile(f, res.Empty, res.Gen, merger.PreResolve, kinds)
		for i, r := range res.Gen {
			w.lang.Resolve(args.Config, nil, nil, r, res.Imports[i], labelOf(args.Rel, r.Name()))
		}
		merger.MergeFile(f, res.Empty, res.Gen, merger.PostResolve, kinds)
	}
	merger.FixLoads(f, mergeLoads(loads))
	return f.Format(), nil
}

func mergeLoads(loads []rule.LoadInfo) []rule.LoadInfo {
	byName := map[string][]string{}
	var names []string
	for _, l := range loads {
		if _, ok := byName[l.Name]; !ok {
			names = append(names, l.Name)
		}
		byName[l.Name] = append(byName[l.Name], l.Symbols...)
	}
	sort.Strings(names)
	var out []rule.LoadInfo
	for _, n := range names {
		out = append(out, rule.LoadInfo{Name: n, Symbols: byName[n]})
	}
	return out
}

func labelOf(pkg, name string) label.Label { return label.New("", pkg, name) }

func loadBuild(p, rel string) (*rule.File, error) {
	if _, err := os.Stat(p); os.IsNotExist(err) {
		return nil, nil
	}
	return rule.LoadFile(p, rel)
}
