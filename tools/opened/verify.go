package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/opened-ebpf/opened/loader"
)

func runVerify(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("verify", stderr)
	unit := fs.String("unit", "", "MCU directory (output of opened extract)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *unit == "" {
		return errors.New("verify: --unit is required")
	}
	return verifyUnit(*unit, stdout)
}

func verifyUnit(dir string, stdout io.Writer) error {
	r, err := loader.VerifyUnit(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "verified %s at %s (%s): %d instructions, %d processed by the verifier\n",
		r.Program, r.Section, r.Type, r.Instructions, r.VerifiedInstructions)
	for _, a := range r.Adjustments {
		fmt.Fprintf(stdout, "  note: %s\n", a)
	}
	return nil
}
