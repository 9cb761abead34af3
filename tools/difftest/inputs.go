package difftest

import (
	"fmt"
	"path/filepath"

	"github.com/opened-ebpf/opened/tools/packet"
)

// Inputs reads the frames of every pcap file, in order, then appends n generated frames
// (packet.Generate with seed). A malformed pcap is an error naming the file and record.
func Inputs(pcaps []string, n int, seed int64) ([]Input, error) {
	var out []Input
	for _, p := range pcaps {
		frames, err := packet.ReadPcap(p)
		if err != nil {
			return nil, err
		}
		for i, f := range frames {
			out = append(out, Input{Data: f, From: fmt.Sprintf("%s #%d", filepath.Base(p), i+1)})
		}
	}
	if n > 0 {
		gen, err := packet.Generate(n, seed, packet.Options{})
		if err != nil {
			return nil, err
		}
		for i, f := range gen {
			from := fmt.Sprintf("generated #%d %s", i+1, f.Recipe)
			if f.Mutation != "" {
				from += ", " + f.Mutation
			}
			out = append(out, Input{Data: f.Data, From: from})
		}
	}
	return out, nil
}
