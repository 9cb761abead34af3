package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/opened-ebpf/opened/tools/extract"
	"github.com/opened-ebpf/opened/tools/internal/outdir"
	"github.com/opened-ebpf/opened/tools/mcu"
	"github.com/opened-ebpf/opened/tools/spec"
)

// config is the JSON written by the Bazel rule (Starlark json.encode).
type config struct {
	Name    string   `json:"name"`
	Repo    string   `json:"repo"`
	Entry   string   `json:"entry"`
	CFlags  []string `json:"cflags"`
	Defines []string `json:"defines"`
	Prefer  []string `json:"prefer"`
	// InnerMaps: outer map -> TYPE:KEY:VALUE[:MAX] (the rule's inner_maps).
	InnerMaps map[string]string `json:"inner_maps"`
	Clang     string            `json:"clang"`
	DB        string            `json:"db"`
	// Per-function incrementality (extract_deps.go): where to write Bazel's
	// unused_inputs_list and the queries it was judged by, and the action's inputs.
	UnusedInputs string   `json:"unused_inputs"`
	Deps         string   `json:"deps"`
	Inputs       []string `json:"inputs"`
}

func runExtract(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("extract", stderr)
	repo := fs.String("repo", "", "repository root")
	entry := fs.String("entry", "", "entry: FILE:LINE (relative to --repo) or a function name")
	out := fs.String("out", "", "MCU directory to write")
	db := fs.String("db", "", "index database (default: a per-repository cache)")
	clang := fs.String("clang", "", "clang binary")
	specPath := fs.String("spec", "", "opened.yaml")
	stage := fs.String("stage", "", "stage of --spec to extract")
	cfgPath := fs.String("config", "", "JSON config (as written by the Bazel rule)")
	verify := fs.Bool("verify", false, "load mcu.o in the kernel verifier after extraction")
	reuse := fs.String("reuse", "", "with --config: copy this unit directory to --out if the config's unused inputs still cannot change it, else extract")
	var cflags cflagsFlag
	var prefer listFlag
	fs.Var(&cflags, "cflags", "compiler flags (-I, -D), repeatable")
	fs.Var(&prefer, "prefer", "file whose definitions win for ambiguous names, repeatable")
	innerMaps := innerMapFlag{}
	fs.Var(innerMaps, "inner-map", innerMapUsage)
	unsafeCFlags := fs.Bool("unsafe-cflags", false, unsafeCFlagsUsage)
	unsafePaths := fs.Bool("unsafe-paths", false, unsafePathsUsage)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkCFlags(cflags, *unsafeCFlags); err != nil {
		return err
	}
	opts := extract.Options{Repo: *repo, Entry: *entry, CFlags: cflags, Prefer: prefer, Clang: *clang, DB: *db, Out: *out, UnsafeCFlags: *unsafeCFlags,
		InnerMaps: mergeInner(nil, innerMaps)}
	switch {
	case *specPath != "":
		s, err := spec.Load(*specPath)
		if err != nil {
			return err
		}
		s.AllowOutside = *unsafePaths
		stages := s.Extracts
		if *stage != "" {
			st, err := s.Stage(*stage)
			if err != nil {
				return err
			}
			stages = []spec.Extract{*st}
		}
		if *out == "" {
			return errors.New("extract: --out is required")
		}
		for i := range stages {
			if err := s.ValidateExtract(&stages[i]); err != nil {
				return err
			}
		}
		// Every stage or none: units are committed together after the last one succeeds.
		batch := &outdir.Batch{}
		defer batch.Abort()
		for i := range stages {
			st := &stages[i]
			o := opts
			o.Repo, o.Entry = st.RepoDir, st.Entry
			o.CFlags = append(append([]string{}, st.CFlags...), cflags...)
			o.Prefer = append(append([]string{}, st.Prefer...), prefer...)
			o.InnerMaps = mergeInner(st.InnerMaps, innerMaps)
			o.Batch = batch
			if *stage == "" {
				// Every stage, each into OUT/<stage name>.
				o.Out = filepath.Join(*out, st.Name)
			}
			if _, err := extractOne(o, *verify, stdout, stderr); err != nil {
				return err
			}
		}
		return batch.Commit()
	case *cfgPath != "":
		b, err := os.ReadFile(*cfgPath)
		if err != nil {
			return err
		}
		var c config
		if err := json.Unmarshal(b, &c); err != nil {
			return fmt.Errorf("%s: %w", *cfgPath, err)
		}
		if c.Repo == "" || c.Entry == "" {
			return fmt.Errorf("%s: config needs repo and entry", *cfgPath)
		}
		opts.Repo, opts.Entry, opts.Prefer = c.Repo, c.Entry, c.Prefer
		for outer, shape := range c.InnerMaps {
			if _, err := mcu.ParseInnerShape(shape); err != nil {
				return fmt.Errorf("%s: inner_maps: %s: %w", *cfgPath, outer, err)
			}
		}
		opts.InnerMaps = mergeInner(c.InnerMaps, innerMaps)
		opts.CFlags = append([]string{}, c.CFlags...)
		for _, d := range c.Defines {
			opts.CFlags = append(opts.CFlags, "-D"+d)
		}
		if err := checkConfigCFlags(*cfgPath, opts.CFlags, len(c.CFlags)); err != nil {
			return err
		}
		if c.Clang != "" {
			opts.Clang = c.Clang
		}
		if c.DB != "" {
			opts.DB = c.DB
		}
		opts.ManagedOut = true
		return extractConfig(c, opts, *reuse, *verify, stdout, stderr)
	}
	_, err := extractOne(opts, *verify, stdout, stderr)
	return err
}

// extractOne extracts one unit, optionally verifies it, and prints its warnings and a summary.
func extractOne(opts extract.Options, verify bool, stdout, stderr io.Writer) (*extract.Result, error) {
	entryRel, err := entryInRepo(opts.Repo, opts.Entry)
	if err != nil {
		return nil, err
	}
	opts.Entry = entryRel
	if opts.Repo == "" || opts.Entry == "" || opts.Out == "" {
		return nil, errors.New("extract: --repo, --entry and --out are required (or --spec [--stage], or --config)")
	}
	if verify {
		opts.Verify = func(dir string) error { return verifyUnit(dir, stdout) }
	}
	res, err := extract.Run(context.Background(), opts)
	if err != nil {
		var xe *extract.Error
		if errors.As(err, &xe) && xe.File != "" && !filepath.IsAbs(xe.File) {
			// Name files as the user can open them.
			e := *xe
			e.File = filepath.Join(opts.Repo, xe.File)
			return nil, &e
		}
		return nil, err
	}
	if res.Index.Note != "" {
		fmt.Fprintf(stderr, "opened: note: %s\n", res.Index.Note)
	}
	for _, w := range res.Warnings.Warnings {
		fmt.Fprintf(stderr, "opened: %s\n", w)
	}
	fmt.Fprintf(stdout, "extracted %s (section %s): %d functions, %d maps, %d warnings -> %s\n",
		res.Functions.Entry, res.Functions.Section, len(res.Functions.Functions), len(res.Maps.Maps), len(res.Warnings.Warnings), opts.Out)
	return res, nil
}

// entryInRepo rewrites an entry written as ABSOLUTE/FILE:LINE into the repository-relative
// form the extractor takes; other entries are returned unchanged.
func entryInRepo(repo, entry string) (string, error) {
	i := strings.LastIndex(entry, ":")
	if i <= 0 || !filepath.IsAbs(entry[:i]) || repo == "" {
		return entry, nil
	}
	root, err := filepath.Abs(repo)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(root, entry[:i])
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("entry %s: file is outside the repository %s", entry, repo)
	}
	return filepath.ToSlash(rel) + entry[i:], nil
}
