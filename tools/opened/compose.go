package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/opened-ebpf/opened/tools/compose"
	"github.com/opened-ebpf/opened/tools/mcu"
	"github.com/opened-ebpf/opened/tools/spec"
)

func runCompose(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compose", stderr)
	specPath := fs.String("spec", "", "opened.yaml with a pipeline: section")
	name := fs.String("pipeline", "", "pipeline of --spec (default: the only one)")
	units := fs.String("units", "", "directory holding one unit directory per stage (UNITS/STAGE), as `opened extract --spec --out UNITS` writes")
	cfgPath := fs.String("config", "", "JSON config (as written by the Bazel rule)")
	out := fs.String("out", "", "pipeline directory to write")
	mode := fs.String("mode", "", "override the mode of every segment (static, tailcall, tcx, xdp-dispatcher)")
	noCounters := fs.Bool("no-counters", false, "do not count each stage's verdicts")
	clang := fs.String("clang", "", "clang binary")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("compose: --out is required")
	}
	var cfg compose.Config
	// The Bazel rule's config also names the sources the units were extracted from (inputs
	// of the action) and the unused_inputs_list to write (writeUnitUnused).
	var bzl struct {
		Inputs       []string `json:"inputs"`
		UnusedInputs string   `json:"unused_inputs"`
	}
	switch {
	case *cfgPath != "":
		buf, err := os.ReadFile(*cfgPath)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(buf, &cfg); err != nil {
			return fmt.Errorf("%s: %w", *cfgPath, err)
		}
		if err := json.Unmarshal(buf, &bzl); err != nil {
			return fmt.Errorf("%s: %w", *cfgPath, err)
		}
	case *specPath != "":
		if *units == "" {
			return errors.New("compose: --units is required with --spec")
		}
		s, err := spec.Load(*specPath)
		if err != nil {
			return err
		}
		pl, err := s.Pipeline(*name)
		if err != nil {
			return err
		}
		cfg = configFromSpec(s, pl, *units)
		cfg.Counters = !*noCounters
	default:
		return errors.New("compose: --spec or --config is required")
	}
	if *mode != "" {
		cfg.Mode = *mode
		for i := range cfg.Segments {
			cfg.Segments[i].Mode = *mode
		}
	}
	if *clang != "" {
		cfg.Clang = *clang
	}
	m, err := compose.Compose(context.Background(), cfg, *out)
	if err != nil {
		return err
	}
	if bzl.UnusedInputs != "" {
		var units []*mcu.Unit
		for _, st := range cfg.Stages {
			u, err := mcu.Read(st.Dir)
			if err != nil {
				return err
			}
			units = append(units, u)
		}
		for _, seg := range cfg.Segments {
			for _, st := range seg.Stages {
				u, err := mcu.Read(st.Dir)
				if err != nil {
					return err
				}
				units = append(units, u)
			}
		}
		if err := writeUnitUnused(bzl.UnusedInputs, bzl.Inputs, units...); err != nil {
			return err
		}
	}
	for _, seg := range m.Segments {
		fmt.Fprintf(stdout, "composed %s at %s (%s): %v -> %s\n", m.Name, seg.Hook, seg.Mode, seg.Stages, filepath.Join(*out, seg.Object))
	}
	return nil
}

// configFromSpec builds the compose config of pipeline pl; stage S's unit is UNITS/S.
func configFromSpec(s *spec.Spec, pl *spec.Pipeline, units string) compose.Config {
	cfg := compose.Config{Name: pl.Name, Mode: pl.Mode, Iface: pl.Iface, Spec: s.Path, Line: pl.Line, Share: pl.Share}
	repos := map[string]spec.Extract{}
	for _, e := range s.Extracts {
		repos[e.Name] = e
	}
	for _, sg := range pl.Segments {
		seg := compose.Segment{Hook: sg.Hook, Mode: sg.Mode, Line: sg.Line}
		for _, st := range sg.Stages {
			// A stage whose transform: goes to this hook runs as its port, which
			// `opened transform --unit UNITS/S --to HOOK --out UNITS/S_to_HOOK` writes.
			cs := compose.Stage{Name: st.Name, Dir: filepath.Join(units, s.PipelineUnit(st.Name, sg.Hook)), Line: st.Line}
			if e, ok := repos[st.Name]; ok {
				cs.Repo, cs.RepoDir = e.Repo, e.RepoDir
			}
			seg.Stages = append(seg.Stages, cs)
		}
		cfg.Segments = append(cfg.Segments, seg)
	}
	return cfg
}
