package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/opened-ebpf/opened/loader"
)

func runLoad(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("load", stderr)
	dir := fs.String("pipeline", "", "pipeline directory (output of opened compose)")
	iface := fs.String("iface", "", "interface to attach to (default: the pipeline's iface)")
	replace := fs.Bool("replace", false, "swap the pipeline attached to --iface for this one, atomically")
	netns := fs.String("netns", "", "network namespace (ip netns) holding --iface")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("load: --pipeline is required")
	}
	st, err := loader.LoadPipeline(*dir, loader.PipelineOptions{Iface: *iface, Replace: *replace, Netns: *netns})
	if err != nil {
		return err
	}
	verb := "loaded"
	if *replace {
		verb = "replaced with"
	}
	fmt.Fprintf(stdout, "%s pipeline %s on %s\n", verb, st.Manifest.Name, st.Iface)
	for _, l := range st.Links {
		fmt.Fprintf(stdout, "  %-10s %-22s stages %v\n", l.Hook, l.Program, l.Stages)
	}
	return nil
}

func runLoadTest(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("load-test", stderr)
	dir := fs.String("pipeline", "", "pipeline directory (output of opened compose)")
	frames := fs.Int("frames", 200, "generated frames to send")
	seed := fs.Int64("seed", 1, "seed of the frame generator")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("load-test: --pipeline is required")
	}
	return loader.SelfTest(*dir, *frames, *seed, stdout)
}
