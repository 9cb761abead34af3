package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/opened-ebpf/opened/loader"
)

func runUnload(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("unload", stderr)
	iface := fs.String("iface", "", "interface to detach the pipeline from")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *iface == "" {
		return errors.New("unload: --iface is required")
	}
	st, err := loader.Unload(*iface)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "unloaded pipeline %s from %s (%d links detached)\n", st.Manifest.Name, st.Iface, len(st.Links))
	return nil
}
