package transform

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/opened-ebpf/opened/tools/difftest"
)

// generatedFrames per port: the issue asks for at least 10,000 generated frames plus the
// hand-written edge cases.
const generatedFrames = 10000

// generate is how many frames are drawn so that at least generatedFrames are compared: about
// 2.6% of generated frames are truncated below what the skb test run accepts and skipped.
const generate = 10600

// TestCorpusDifftest runs every corpus NF and its port side by side in the kernel
// (BPF_PROG_TEST_RUN through package difftest) on the NF's edge frames and 10,000 generated
// ones: verdicts through the XDP <-> TC correspondence, output bytes, and maps afterwards.
func TestCorpusDifftest(t *testing.T) {
	for _, c := range portCases {
		t.Run(fmt.Sprintf("%s-%s", c.nf, c.to), func(t *testing.T) {
			orig, port, _ := portNF(t, c)
			a, err := difftest.ParseTarget(orig)
			if err != nil {
				t.Fatal(err)
			}
			b, err := difftest.ParseTarget(port)
			if err != nil {
				t.Fatal(err)
			}
			var inputs []difftest.Input
			for i, f := range edgeFrames(c.nf) {
				inputs = append(inputs, difftest.Input{Data: f, From: fmt.Sprintf("edge #%d", i+1)})
			}
			gen, err := difftest.Inputs(nil, generate, 11)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, gen...)
			cfg := difftest.Config{A: a, B: b, Inputs: inputs}
			if seedFile := filepath.Join("testdata", "nf", c.nf, "seed.yaml"); exists(seedFile) {
				if cfg.Seed, err = difftest.LoadSeed(seedFile); err != nil {
					t.Fatal(err)
				}
			}
			r, err := difftest.Run(cfg)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			r.Write(&buf)
			if why := r.Failed(); why != "" {
				t.Fatalf("%s\n%s", why, buf.String())
			}
			if r.Compared < generatedFrames {
				t.Fatalf("only %d frames compared\n%s", r.Compared, buf.String())
			}
			if testing.Verbose() {
				fmt.Fprint(os.Stdout, buf.String())
			}
		})
	}
}
