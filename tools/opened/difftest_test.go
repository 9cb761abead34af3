package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDifftestCLI runs `opened difftest` on the XDP network function of the difftest tests,
// its TC port and a wrong port, and on bad inputs: each bad input fails naming the file and
// line (or record) and writes nothing.
func TestDifftestCLI(t *testing.T) {
	tmp := t.TempDir()
	obj := map[string]string{}
	for _, n := range []string{"xdp_nf", "tc_nf", "tc_nf_wrong"} {
		obj[n] = filepath.Join(tmp, n+".o")
		cmd := exec.Command("clang", "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu",
			"-c", filepath.Join("..", "difftest", "testdata", n+".c"), "-o", obj[n])
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", cmd, err, out)
		}
	}
	write := func(name, text string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	seed := write("seed.yaml", "- map: blocklist\n  key: {addr: 10.0.0.1}\n  value: 1\n")
	badSeed := write("bad.yaml", "- map: blocklist\n  key: {addr: 10.0.0.1}\n  value: 1\n- map: blocklist\n  key: {adr: 1}\n  value: 1\n")
	badPcap := write("bad.pcap", "\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x3c\x00\x00\x00\x3c\x00\x00\x00\x01\x02")
	saved := filepath.Join(tmp, "frames.pcap")

	for _, tc := range []struct {
		name    string
		args    []string
		err     string // "" for success
		out     []string
		written bool // --save-pcap file exists afterwards
	}{
		{"equal pair", []string{"--a", obj["xdp_nf"], "--b", obj["tc_nf"] + ":tc_nf", "--generate", "10000", "--maps", seed, "--save-pcap", saved},
			"", []string{"10000 frames: ", " 0 differ, ", "PASS"}, true},
		{"pcap input", []string{"--a", obj["xdp_nf"], "--b", obj["tc_nf"], "--pcap", saved},
			"", []string{"10000 frames: ", "PASS"}, true},
		{"wrong pair", []string{"--a", obj["xdp_nf"], "--b", obj["tc_nf_wrong"], "--generate", "2000"},
			"compared frames differ", []string{"MISMATCH frame", "A: XDP_TX (3, tx)", "B: TC_ACT_OK (0, pass)", "FAIL:"}, false},
		{"bad seed", []string{"--a", obj["xdp_nf"], "--b", obj["tc_nf"], "--maps", badSeed, "--save-pcap", saved},
			"bad.yaml:5: map blocklist: key: struct block_key has no field \"adr\"", nil, false},
		{"bad pcap", []string{"--a", obj["xdp_nf"], "--b", obj["tc_nf"], "--pcap", badPcap, "--save-pcap", saved},
			"bad.pcap: record 1 (byte offset 24): record truncated", nil, false},
		{"no program", []string{"--a", obj["xdp_nf"] + ":nope", "--b", obj["tc_nf"]},
			`no program "nope" (have xdp_nf)`, nil, false},
		{"missing --b", []string{"--a", obj["xdp_nf"]}, "--a and --b are required", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.written {
				os.Remove(saved)
			}
			var stdout, stderr bytes.Buffer
			err := run(append([]string{"difftest"}, tc.args...), &stdout, &stderr)
			if (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("err = %v, want %q\n%s", err, tc.err, stdout.String())
			}
			for _, w := range tc.out {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, stdout.String())
				}
			}
			if _, err := os.Stat(saved); (err == nil) != tc.written {
				t.Errorf("%s exists: %v, want %v", saved, err == nil, tc.written)
			}
		})
	}
}
