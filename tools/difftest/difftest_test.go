package difftest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/opened-ebpf/opened/tools/packet"
)

// The test programs are compiled once per test binary with the real clang.
var (
	buildOnce sync.Once
	objDir    string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if objDir != "" {
		os.RemoveAll(objDir)
	}
	os.Exit(code)
}

// objects compiles testdata/*.c into a temporary directory and returns it.
func objects(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		objDir, buildErr = os.MkdirTemp("", "difftest-objs")
		if buildErr != nil {
			return
		}
		srcs, _ := filepath.Glob("testdata/*.c")
		for _, src := range srcs {
			clang := os.Getenv("CLANG")
			if clang == "" {
				clang = "clang"
			}
			obj := filepath.Join(objDir, strings.TrimSuffix(filepath.Base(src), ".c")+".o")
			cmd := exec.Command(clang, "-O2", "-g", "-Wall", "-Werror", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c", src, "-o", obj)
			if out, err := cmd.CombinedOutput(); err != nil {
				buildErr = errors.New(cmd.String() + ": " + err.Error() + "\n" + string(out))
				return
			}
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return objDir
}

func target(t testing.TB, name string) Target {
	t.Helper()
	tg, err := ParseTarget(filepath.Join(objects(t), name))
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func generated(t testing.TB, n int, seed int64) []Input {
	t.Helper()
	in, err := Inputs(nil, n, seed)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func report(r *Report) string {
	var b bytes.Buffer
	r.Write(&b)
	return b.String()
}

// TestPairs runs real programs in the kernel: equal pairs pass on 10,000 generated frames,
// wrong pairs fail with the mismatch printed.
func TestPairs(t *testing.T) {
	for _, tc := range []struct {
		name, a, b string
		seed       string // seed YAML, or ""
		ignore     []string
		fail       string // "" or what Failed() must say
		out        []string
	}{
		{name: "xdp-vs-itself", a: "xdp_nf.o", b: "xdp_nf.o:xdp_nf"},
		{name: "xdp-vs-tc-port", a: "xdp_nf.o", b: "tc_nf.o",
			out: []string{"XDP_TX ~ TC_ACT_REDIRECT to the receiving device", "XDP_PASS ~ TC_ACT_OK", "PASS\n"}},
		{name: "tc-port-vs-xdp", a: "tc_nf.o", b: "xdp_nf.o"},
		// The __sk_buff difftest gives a TC run (loopback ifindex; protocol from the EtherType).
		{name: "context", a: "ctx_xdp.o", b: "ctx_tc.o", out: []string{"XDP_DROP ~ TC_ACT_SHOT: ", "XDP_PASS ~ TC_ACT_OK: "}},
		{name: "xdp-vs-tc-port-seeded", a: "xdp_nf.o", b: "tc_nf.o", seed: "- map: blocklist\n  key: {addr: 10.0.0.1}\n  value: 1\n- map: blocklist\n  key: {addr: 10.0.1.1, port: 53}\n  value: 1\n",
			out: []string{"XDP_DROP ~ TC_ACT_SHOT"}},
		{name: "wrong-tc-port", a: "xdp_nf.o", b: "tc_nf_wrong.o", fail: "compared frames differ",
			out: []string{"MISMATCH frame", "verdicts differ", "A: XDP_TX (3, tx)", "B: TC_ACT_OK (0, pass)", "/ICMP(EchoRequest)", "output (- A, + B):", "FAIL:"}},
		{name: "tc-port-wrong-bytes", a: "xdp_nf.o", b: "tc_nf_badcsum.o", fail: "compared frames differ",
			out: []string{"output bytes differ", "A: XDP_TX (3, tx)", "B: TC_ACT_REDIRECT (7, redirect)", "\n    - 0020", "\n    + 0020", "^^"}},
		{name: "tc-port-wrong-map-state", a: "xdp_nf.o", b: "tc_nf_miscount.o", fail: "map entries differ",
			out: []string{"MAP proto_count key 06000000: A ", "(per-CPU: on the CPU the programs ran on)"}},
		{name: "tc-port-wrong-map-state-ignored", a: "xdp_nf.o", b: "tc_nf_miscount.o", ignore: []string{"proto_count"},
			out: []string{"note: map proto_count not compared: ignored as asked", "PASS\n"}},
		{name: "seeded-state", a: "xdp_nf.o", b: "xdp_nf.o", seed: "- map: bytes_by_src\n  key: 10.0.0.1\n  value: 0x1000000\n"}, // both seeded alike: equal

	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{A: target(t, tc.a), B: target(t, tc.b), Inputs: generated(t, 10000, 1), IgnoreMaps: tc.ignore}
			if tc.seed != "" {
				s, err := ParseSeed("seed.yaml", []byte(tc.seed))
				if err != nil {
					t.Fatal(err)
				}
				cfg.Seed = s
			}
			r, err := Run(cfg)
			if err != nil {
				t.Fatal(err)
			}
			text := report(r)
			if got := r.Failed(); (got == "") != (tc.fail == "") || !strings.Contains(got, tc.fail) {
				t.Fatalf("Failed() = %q, want %q\n%s", got, tc.fail, text)
			}
			if tc.fail == "" && (r.Compared < 9000 || r.Equal != r.Compared) {
				t.Errorf("compared %d, equal %d of 10000\n%s", r.Compared, r.Equal, text)
			}
			for _, w := range tc.out {
				if !strings.Contains(text, w) {
					t.Errorf("report lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

// TestPcapRoundTripThroughRun writes generated frames to a pcap, reads them back as inputs
// and compares the pair on them.
func TestPcapRoundTripThroughRun(t *testing.T) {
	in := generated(t, 300, 9)
	frames := make([][]byte, len(in))
	for i := range in {
		frames[i] = in[i].Data
	}
	p := filepath.Join(t.TempDir(), "frames.pcap")
	if err := packet.WritePcap(p, frames); err != nil {
		t.Fatal(err)
	}
	back, err := Inputs([]string{p}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(in) {
		t.Fatalf("read back %d frames, wrote %d", len(back), len(in))
	}
	for i := range back {
		if !bytes.Equal(back[i].Data, in[i].Data) || back[i].From != "frames.pcap #"+strconv.Itoa(i+1) {
			t.Fatalf("frame %d: %q differs after the round trip", i, back[i].From)
		}
	}
	r, err := Run(Config{A: target(t, "xdp_nf.o"), B: target(t, "tc_nf.o"), Inputs: back})
	if err != nil {
		t.Fatal(err)
	}
	if f := r.Failed(); f != "" || r.Compared != len(in)-r.Skipped {
		t.Fatalf("pcap frames: %s\n%s", f, report(r))
	}
}

// TestBench times both programs of a pair in the kernel.
func TestBench(t *testing.T) {
	a, b, err := Bench(Config{A: target(t, "xdp_nf.o"), B: target(t, "tc_nf.o"), Inputs: generated(t, 200, 4)}, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []Speed{a, b} {
		if s.Frames < 150 || s.NsPerFrame <= 0 {
			t.Errorf("%s: %d frames, %.1f ns/frame", s.Name, s.Frames, s.NsPerFrame)
		}
	}
	if _, _, err := Bench(Config{A: target(t, "xdp_nf.o"), B: target(t, "tc_nf.o")}, 0); err == nil {
		t.Error("repeat 0 accepted")
	}
}

// TestMostlySkippedFails: a run where the TC hook refuses most frames (IPv6 frames cut
// inside the IPv6 header) is not called equal, though every compared frame is.
func TestMostlySkippedFails(t *testing.T) {
	var inputs []Input
	for i := 0; i < 30; i++ {
		f := make([]byte, 40)
		f[12], f[13] = 0x86, 0xdd
		inputs = append(inputs, Input{Data: f, From: "short ipv6 #" + strconv.Itoa(i+1)})
	}
	inputs = append(inputs, generated(t, 20, 3)...)
	r, err := Run(Config{A: target(t, "xdp_nf.o"), B: target(t, "tc_nf.o"), Inputs: inputs})
	if err != nil {
		t.Fatal(err)
	}
	text := report(r)
	if r.Mismatches != 0 || r.Skipped < 30 || !strings.Contains(r.Failed(), "skipped, more than the") {
		t.Fatalf("Failed() = %q\n%s", r.Failed(), text)
	}
	if !strings.Contains(text, "short ipv6 #1 (40 bytes): B's hook refused it (40 bytes: the skb test run wants the whole IPv6 header)") {
		t.Errorf("report does not say why:\n%s", text)
	}
	// No frame at all is a failure too.
	r, err = Run(Config{A: target(t, "xdp_nf.o"), B: target(t, "tc_nf.o")})
	if err != nil || r.Failed() != "no frame was compared" {
		t.Fatalf("empty run: %v, %q", err, r.Failed())
	}
}
