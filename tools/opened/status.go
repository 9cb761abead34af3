package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/opened-ebpf/opened/loader"
)

func runStatus(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("status", stderr)
	iface := fs.String("iface", "", "interface (default: every interface with a pipeline)")
	if err := parse(fs, args); err != nil {
		return err
	}
	sts, err := loader.PipelineStatus(*iface)
	if err != nil {
		return err
	}
	if len(sts) == 0 {
		fmt.Fprintln(stdout, "no pipelines attached")
		return nil
	}
	for _, s := range sts {
		fmt.Fprintf(stdout, "%s: pipeline %s (%s)\n", s.Iface, s.Pipeline, s.Dir)
		for _, l := range s.Links {
			state := fmt.Sprintf("link %d, program %d", l.LinkID, l.ProgramID)
			if l.Err != "" {
				state = "NOT ATTACHED: " + l.Err
			}
			fmt.Fprintf(stdout, "  %-10s %-22s %s\n", l.Hook, l.Program, state)
		}
		for _, st := range s.Stages {
			fmt.Fprintf(stdout, "  stage %-22s %-10s %-8s %s\n", st.Name, st.Hook, st.Mode, verdicts(st.Verdicts))
			for _, mc := range st.Counters {
				fmt.Fprintf(stdout, "        %s: %s\n", mc.Map, counterEntries(mc.Entries))
			}
		}
	}
	return nil
}

func verdicts(v map[string]uint64) string {
	if v == nil {
		return "(no counters)"
	}
	var ks []string
	for k := range v {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var parts []string
	for _, k := range ks {
		parts = append(parts, fmt.Sprintf("%s=%d", k, v[k]))
	}
	if len(parts) == 0 {
		return "no packets"
	}
	return strings.Join(parts, " ")
}

func counterEntries(e map[uint32][]uint64) string {
	var ks []int
	for k := range e {
		ks = append(ks, int(k))
	}
	sort.Ints(ks)
	var parts []string
	for _, k := range ks {
		v := e[uint32(k)]
		if len(v) == 1 {
			parts = append(parts, fmt.Sprintf("[%d]=%d", k, v[0]))
		} else {
			parts = append(parts, fmt.Sprintf("[%d]=%v", k, v))
		}
	}
	return strings.Join(parts, " ")
}
