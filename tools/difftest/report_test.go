package difftest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/opened-ebpf/opened/tools/hook"
	"github.com/opened-ebpf/opened/tools/packet"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestReportGolden prints a report built by hand (a verdict mismatch, a bytes mismatch of
// different lengths, map differences, skipped frames) and compares it with
// testdata/report.golden.
func TestReportGolden(t *testing.T) {
	fs, err := packet.Generate(2, 1, packet.Options{Recipes: []packet.Recipe{{Name: "t", Layers: []packet.Layer{packet.Ethernet{}, packet.IPv4{}, packet.UDP{}}}}, NoMutations: true})
	if err != nil {
		t.Fatal(err)
	}
	xdp, _ := hook.ForSection("xdp")
	tc, _ := hook.ForSection("tc")
	in := fs[0].Data
	grown := append(append([]byte(nil), in...), 0xde, 0xad)
	changed := append([]byte(nil), in...)
	changed[20] ^= 0xff
	r := &Report{A: "a.o (prog_a at xdp)", B: "b.o (prog_b at tc)", Frames: 40, Compared: 30, Equal: 28, Skipped: 10, Mismatches: 2, Rewritten: 3,
		Details: []Mismatch{
			{Index: 4, From: "generated #5 t", Input: in, Why: "verdicts differ", VerdictA: xdp.Verdict(3), VerdictB: tc.Verdict(0), OutA: in, OutB: in},
			{Index: 9, From: "edges.pcap #2", Input: fs[1].Data, Why: "output bytes differ", VerdictA: xdp.Verdict(2), VerdictB: tc.Verdict(0), OutA: changed, OutB: grown},
		},
		SkippedSamples: []string{"generated #7 t (20 bytes): B's hook refused it (20 bytes: the skb test run wants the whole IPv4 header)"},
		Rules:          map[string]int{"XDP_PASS ~ TC_ACT_OK": 20, "XDP_DROP ~ TC_ACT_SHOT": 8},
		MapDiffs: []MapDiff{
			{Map: "counters", Key: []byte{6, 0, 0, 0}, A: []byte{1, 0, 0, 0, 0, 0, 0, 0}, B: []byte{2, 0, 0, 0, 0, 0, 0, 0}, CPU: 0},
			{Map: "flows", Key: []byte{10, 0, 0, 1}, B: []byte{1, 0, 0, 0}, CPU: -1},
		},
		MapNotes: []string{"map events (RingBuf) not compared: it holds references or events, not state"},
	}
	var b bytes.Buffer
	r.Write(&b)
	golden := filepath.Join("testdata", "report.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("report differs from %s (go test -run TestReportGolden -args -update):\n%s", golden, b.String())
	}
}
