package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/opened-ebpf/opened/tools/difftest"
	"github.com/opened-ebpf/opened/tools/packet"
)

// defaultGenerate is the number of generated frames when neither --pcap nor --generate is
// given.
const defaultGenerate = 10000

func runDifftest(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("difftest", stderr)
	a := fs.String("a", "", "program A: OBJECT.o[:PROG] or a unit directory")
	b := fs.String("b", "", "program B: OBJECT.o[:PROG] or a unit directory")
	var pcaps listFlag
	fs.Var(&pcaps, "pcap", "pcap or pcapng file of Ethernet frames (repeatable)")
	gen := fs.Int("generate", -1, fmt.Sprintf("number of generated frames (default %d without --pcap, else 0)", defaultGenerate))
	seed := fs.Int64("seed", 1, "seed of the frame generator")
	maps := fs.String("maps", "", "map seed YAML written into the maps of A and B before the first frame")
	save := fs.String("save-pcap", "", "write the frames used (pcap frames, then generated ones) to this pcap file")
	details := fs.Int("details", 10, "mismatches printed in full")
	benchRepeat := fs.Int("bench", 0, "after the comparison, time each program with BPF_PROG_TEST_RUN repeating every frame this many times (ns per frame of a port against its original)")
	var ignore listFlag
	fs.Var(&ignore, "ignore-map", "map not compared afterwards, e.g. one holding timestamps (repeatable)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *a == "" || *b == "" {
		return errors.New("difftest: --a and --b are required")
	}
	n := *gen
	if n < 0 {
		n = 0
		if len(pcaps) == 0 {
			n = defaultGenerate
		}
	}
	ta, err := difftest.ParseTarget(*a)
	if err != nil {
		return fmt.Errorf("difftest: --a %v", err)
	}
	tb, err := difftest.ParseTarget(*b)
	if err != nil {
		return fmt.Errorf("difftest: --b %v", err)
	}
	var sd *difftest.Seed
	if *maps != "" {
		if sd, err = difftest.LoadSeed(*maps); err != nil {
			return err
		}
	}
	inputs, err := difftest.Inputs(pcaps, n, *seed)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return errors.New("difftest: no frames (the pcap files are empty and --generate is 0)")
	}
	rep, err := difftest.Run(difftest.Config{A: ta, B: tb, Inputs: inputs, Seed: sd, Details: *details, IgnoreMaps: ignore})
	if err != nil {
		return err
	}
	// The frames are saved once the comparison ran (whatever its outcome), so that a
	// mismatch can be replayed; a bad input writes nothing.
	if *save != "" {
		frames := make([][]byte, len(inputs))
		for i, in := range inputs {
			frames[i] = in.Data
		}
		if err := packet.WritePcap(*save, frames); err != nil {
			return err
		}
	}
	rep.Write(stdout)
	if *benchRepeat > 0 {
		sa, sb, err := difftest.Bench(difftest.Config{A: ta, B: tb, Inputs: inputs, Seed: sd}, *benchRepeat)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "speed (BPF_PROG_TEST_RUN, repeat %d, %d frames): A %.1f ns/frame, B %.1f ns/frame, B/A %.2f\n",
			*benchRepeat, sa.Frames, sa.NsPerFrame, sb.NsPerFrame, sb.NsPerFrame/sa.NsPerFrame)
	}
	if f := rep.Failed(); f != "" {
		return fmt.Errorf("difftest: %s", f)
	}
	return nil
}
