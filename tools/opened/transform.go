package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/opened-ebpf/opened/tools/mcu"
	"github.com/opened-ebpf/opened/tools/transform"
)

// transformConfig is the --config form (written by the ebpf_transform Bazel rule).
type transformConfig struct {
	Unit    string   `json:"unit"`
	To      string   `json:"to"`
	Chained bool     `json:"chained"`
	Clang   string   `json:"clang"`
	CFlags  []string `json:"cflags"`
	// Inputs are the sources the unit was extracted from, inputs of the action so that the
	// headers of a kept include directory are there; UnusedInputs is Bazel's
	// unused_inputs_list the run writes (writeUnitUnused).
	Inputs       []string `json:"inputs,omitempty"`
	UnusedInputs string   `json:"unused_inputs,omitempty"`
}

func runTransform(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("transform", stderr)
	unit := fs.String("unit", "", "unit directory to port (output of opened extract)")
	to := fs.String("to", "", "target hook: tc-ingress, tc-egress or xdp")
	chained := fs.Bool("chained", false, "XDP_PASS becomes TC_ACT_UNSPEC (tcx: next program) instead of TC_ACT_OK")
	out := fs.String("out", "", "output unit directory")
	clang := fs.String("clang", "", "clang binary")
	config := fs.String("config", "", "JSON configuration (unit, to, chained, clang, cflags) instead of flags")
	verify := fs.Bool("verify", false, "load the port into the kernel verifier before writing it")
	quiet := fs.Bool("quiet", false, "do not print the report")
	var cflags cflagsFlag
	fs.Var(&cflags, "cflags", "extra compiler flags for mcu.c, repeatable")
	if err := parse(fs, args); err != nil {
		return err
	}
	o := transform.Options{Unit: *unit, To: *to, Chained: *chained, Clang: *clang, CFlags: cflags}
	var c transformConfig
	if *config != "" {
		b, err := os.ReadFile(*config)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &c); err != nil {
			return fmt.Errorf("%s: %v", *config, err)
		}
		o = transform.Options{Unit: c.Unit, To: c.To, Chained: c.Chained, Clang: c.Clang, CFlags: c.CFlags}
	}
	if o.Unit == "" || o.To == "" || *out == "" {
		return errors.New("transform: --unit, --to and --out are required")
	}
	o.Protect = []string{o.Unit}
	res, err := transform.Run(context.Background(), o)
	if err != nil {
		return err
	}
	if *verify {
		tmp, err := os.MkdirTemp("", "opened-transform-verify-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if err := res.Unit.WriteFiles(tmp); err != nil {
			return err
		}
		if err := verifyUnit(tmp, stdout); err != nil {
			return fmt.Errorf("the port of %s does not pass the verifier at %s: %w", o.Unit, res.Changes.To, err)
		}
	}
	if err := mcu.Write(*out, res.Unit, o.Protect...); err != nil {
		return err
	}
	if c.UnusedInputs != "" {
		if err := writeUnitUnused(c.UnusedInputs, c.Inputs, res.Unit); err != nil {
			return err
		}
	}
	if !*quiet {
		fmt.Fprint(stdout, res.Changes.Report())
		fmt.Fprintf(stdout, "wrote %s\n", *out)
	}
	return nil
}
