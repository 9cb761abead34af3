package loader

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// unitCase describes an MCU directory built from testdata at test time.
type unitCase struct {
	src     string // testdata/<src>.c, copied to mcu.c and built to mcu.o
	entry   string
	section string
	// functions is a hand-written functions.json in testdata; if empty, one
	// with just entry and section is written.
	functions string
	maps      string // optional testdata maps.json
}

// buildUnit writes an MCU directory: mcu.c, mcu.o (built with clang now),
// functions.json and optionally maps.json.
func buildUnit(t testing.TB, dir string, c unitCase) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", c.src+".c"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile := func(from, to string) {
		data, err := os.ReadFile(filepath.Join("testdata", from))
		if err != nil {
			t.Fatal(err)
		}
		write(to, data)
	}
	write(SourceFile, src)

	clang := os.Getenv("CLANG")
	if clang == "" {
		clang = "clang"
	}
	// Flags of a BPF build (-Wall -Werror: the test sources are clean). Build inside dir so that BTF line
	// info names mcu.c, as for a real MCU.
	cmd := exec.Command(clang, "-O2", "-g", "-Wall", "-Werror", "-target", "bpf",
		"-I/usr/include/"+multiarch(), "-c", SourceFile, "-o", ObjectFile)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, out)
	}

	if c.functions != "" {
		copyFile(c.functions, FunctionsFile)
	} else {
		write(FunctionsFile, []byte(fmt.Sprintf(`{"entry": %q, "section": %q, "functions": []}`, c.entry, c.section)))
	}
	if c.maps != "" {
		copyFile(c.maps, MapsFile)
	}
	return dir
}

func TestVerifyUnit(t *testing.T) {
	for _, tc := range []struct {
		name string
		unit unitCase
		// For units that verify:
		typ, attach string
		adjust      []string // substrings expected among the adjustments
		// For units that do not: substrings of the error.
		errs []string
		// check inspects the error further.
		check func(t *testing.T, err error)
	}{
		{
			name: "xdp",
			unit: unitCase{src: "xdp_count", entry: "xdp_count", section: "xdp"},
			typ:  "XDP", attach: "XDP",
		},
		{
			name: "tc",
			unit: unitCase{src: "tc_mark", entry: "tc_mark", section: "tc"},
			typ:  "SchedCLS", attach: "None",
		},
		{
			name: "tc program at tcx/ingress",
			unit: unitCase{src: "tc_mark", entry: "tc_mark", section: "tcx/ingress"},
			typ:  "SchedCLS", attach: "TCXIngress",
			adjust: []string{`ELF section "tc" loaded at the hook of section "tcx/ingress"`},
		},
		{
			name: "kprobe",
			unit: unitCase{src: "tracing", entry: "kprobe_rcv", section: "kprobe/tcp_v4_rcv"},
			typ:  "Kprobe", attach: "None",
			adjust: []string{"programs not loaded (not the entry, not a tail-call target): fentry_rcv, lsm_open"},
		},
		{
			name: "pinned map",
			unit: unitCase{src: "pinned", entry: "xdp_pinned", section: "xdp"},
			typ:  "XDP", attach: "XDP",
			adjust: []string{"map opened_loader_test_pinned: pinning cleared", "max_entries 4000000 capped"},
		},
		{
			name: "maps sized by their loader",
			unit: unitCase{src: "sized_by_loader", entry: "xdp_sized", section: "xdp"},
			typ:  "XDP", attach: "XDP",
			adjust: []string{"map cpu_slots: no max_entries in the object (its loader sizes it); 1 used", "map events: no max_entries in the object (its loader sizes it); 4096 used"},
		},
		{
			name: "map in map, inner from maps.json",
			unit: unitCase{src: "map_in_map", entry: "xdp_flows", section: "xdp", maps: "map_in_map.maps.json"},
			typ:  "XDP", attach: "XDP",
			adjust: []string{"map flows_per_cpu: inner map supplied by user space; template from maps.json inner_map: map flow_proto (Hash, key 12, value 16)"},
		},
		{
			name: "map in map, inner guessed from the object",
			unit: unitCase{src: "map_in_map", entry: "xdp_flows", section: "xdp"},
			typ:  "XDP", attach: "XDP",
			adjust: []string{"map flows_per_cpu: inner map supplied by user space; template from same-object map flow_proto (Hash, key 12, value 16)"},
		},
		{
			name: "iproute2 map in map, inner by inner_id",
			unit: unitCase{src: "iproute2_map_in_map", entry: "tc_tenant", section: "classifier"},
			typ:  "SchedCLS", attach: "None",
			adjust: []string{
				"map tenants: iproute2 pinning 2 ignored",
				"map tenants: inner map supplied by user space; template from iproute2 inner_id: map tenant_proto (Hash, key 4, value 16)",
			},
		},
		{
			name: "verifier rejects",
			unit: unitCase{src: "decap_reject", functions: "decap_reject.functions.json"},
			errs: []string{
				"src/decap.c:48: verifier rejected program xdp_decap (section xdp): invalid access to packet",
				"R1 offset is outside of the packet",
				"at: return inner->protocol; /* rejected: inner not bounds-checked */",
				"verifier log (last ",
				"; return inner->protocol; /* rejected: inner not bounds-checked */ @ mcu.c:19",
			},
			check: func(t *testing.T, err error) {
				var ve *VerifierError
				if !errors.As(err, &ve) {
					t.Fatalf("want *VerifierError, got %T", err)
				}
				if ve.File != "src/decap.c" || ve.Line != 48 {
					t.Errorf("location %s:%d, want src/decap.c:48", ve.File, ve.Line)
				}
				if len(ve.Tail) == 0 || len(ve.Tail) > TailLines {
					t.Errorf("tail has %d lines", len(ve.Tail))
				}
				if !errors.Is(err, unix.EACCES) {
					t.Errorf("want EACCES underneath, got %v", ve.Err)
				}
			},
		},
		{
			name: "over the verifier's instruction budget",
			unit: unitCase{src: "verifier_limits", entry: "xdp_too_large", section: "xdp"},
			errs: []string{"mcu.c:9: verifier rejected program xdp_too_large (section xdp): program too large for the verifier (it explores every path, and gave up): BPF program is too large. Processed 1000001 insn\n  at: for (__u32 i = 0; i < 400000; i++)\n"},
		},
		{
			name: "infinite loop",
			unit: unitCase{src: "verifier_limits", entry: "xdp_spin", section: "xdp"},
			errs: []string{"mcu.c:19: verifier rejected program xdp_spin (section xdp): infinite loop detected at insn 3\n  at: while (x == 0) {\n"},
		},
		{
			name: "tail-call target rejected",
			unit: unitCase{src: "tailcall_reject", entry: "xdp_dispatch", section: "xdp"},
			errs: []string{
				"mcu.c:15: verifier rejected program stage_bad (section xdp): invalid access to packet",
				"at: return data[14] == 0x45 ? XDP_PASS : XDP_DROP;",
			},
		},
		{
			name: "lsm",
			unit: unitCase{src: "tracing", entry: "lsm_open", section: "lsm/file_open"},
			errs: []string{"program type LSM (section lsm/file_open) cannot be loaded on this machine: kernel refused with EPERM"},
			check: func(t *testing.T, err error) {
				var ue *UnsupportedError
				if !errors.As(err, &ue) || !errors.Is(err, unix.EPERM) {
					t.Fatalf("want *UnsupportedError wrapping EPERM, got %T %v", err, err)
				}
			},
		},
		{
			name: "fentry",
			unit: unitCase{src: "tracing", entry: "fentry_rcv", section: "fentry/tcp_v4_rcv"},
			errs: []string{"program type Tracing (section fentry/tcp_v4_rcv) cannot be loaded on this machine: kernel refused with EPERM"},
		},
		{
			name: "unknown section, tracing context",
			unit: unitCase{src: "tracing", entry: "kprobe_rcv", section: "perf_event"},
			errs: []string{`section "perf_event": unknown section`},
		},
		{
			name: "unknown section, hook from the xdp_md context",
			unit: unitCase{src: "xdp_count", entry: "xdp_count", section: "filter"},
			typ:  "XDP", attach: "XDP",
			adjust: []string{`section "filter" is not a libbpf section name; loaded at the xdp hook because its context is struct xdp_md`},
		},
		{
			name: "unknown section, hook from the __sk_buff context",
			unit: unitCase{src: "tc_mark", entry: "tc_mark", section: "loadbalancer"},
			typ:  "SchedCLS", attach: "None",
			adjust: []string{`loaded at the tc hook because its context is struct __sk_buff`},
		},
		{
			name: "unknown entry",
			unit: unitCase{src: "xdp_count", entry: "xdp_nope", section: "xdp"},
			errs: []string{`no program "xdp_nope" (have xdp_count)`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := buildUnit(t, t.TempDir(), tc.unit)
			r, err := VerifyUnit(dir)

			if tc.errs != nil {
				if err == nil {
					t.Fatalf("verified, want an error containing %q", tc.errs)
				}
				for _, want := range tc.errs {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error lacks %q:\n%v", want, err)
					}
				}
				if tc.check != nil {
					tc.check(t, err)
				}
				return
			}

			if err != nil {
				t.Fatal(err)
			}
			entry := tc.unit.entry
			if !r.Verified || r.Program != entry || r.Section != tc.unit.section || r.Type != tc.typ || r.AttachType != tc.attach {
				t.Errorf("report %+v, want %s at %s as %s/%s", r, entry, tc.unit.section, tc.typ, tc.attach)
			}
			if r.Instructions <= 0 || r.VerifiedInstructions <= 0 {
				t.Errorf("report %+v: no instruction counts", r)
			}
			all := strings.Join(r.Adjustments, "\n")
			for _, want := range tc.adjust {
				if !strings.Contains(all, want) {
					t.Errorf("adjustments lack %q:\n%s", want, all)
				}
			}
			if len(tc.adjust) == 0 && len(r.Adjustments) != 0 {
				t.Errorf("unexpected adjustments:\n%s", all)
			}
		})
	}
}

// TestVerifyUnitDoesNotPin checks that a verification load of a map pinned
// by name leaves the global bpffs alone.
func TestVerifyUnitDoesNotPin(t *testing.T) {
	dir := buildUnit(t, t.TempDir(), unitCase{src: "pinned", entry: "xdp_pinned", section: "xdp"})
	if _, err := VerifyUnit(dir); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{"/sys/fs/bpf", "/sys/fs/bpf/tc/globals"} {
		if _, err := os.Stat(filepath.Join(root, "opened_loader_test_pinned")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s/opened_loader_test_pinned: want no such file, got %v", root, err)
		}
	}
}

func TestLoadObject(t *testing.T) {
	dir := buildUnit(t, t.TempDir(), unitCase{src: "tc_mark", entry: "tc_mark", section: "tc"})
	obj, err := LoadObject(filepath.Join(dir, ObjectFile), "")
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()

	// The loaded program runs: a 64-byte IPv4 frame with TTL 1 is dropped.
	pkt := make([]byte, 64)
	copy(pkt[12:], []byte{0x08, 0x00, 0x45, 0, 0, 50, 0, 0, 0, 0, 1, 6})
	ret, err := obj.Program.Run(&ebpf.RunOptions{Data: pkt})
	if err != nil {
		t.Fatal(err)
	}
	if ret != 2 { // TC_ACT_SHOT
		t.Fatalf("tc_mark returned %d for a TTL 1 packet, want TC_ACT_SHOT (2)", ret)
	}
}

func TestReadUnitErrors(t *testing.T) {
	for _, tc := range []struct {
		name, json, want string
	}{
		{"no entry", `{"section": "xdp", "functions": []}`, "no entry function"},
		{"no section", `{"entry": "f", "functions": []}`, "entry f has no section"},
		{"bad range", `{"entry": "f", "section": "xdp", "functions": [{"name": "f", "file": "a.c", "start_line": 3, "mcu_start_line": 9, "mcu_end_line": 2}]}`, "function f: bad line range"},
		{"not json", `{`, "functions.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, FunctionsFile), []byte(tc.json), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadUnit(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want error containing %q", err, tc.want)
			}
		})
	}
	if _, err := ReadUnit(t.TempDir()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing functions.json: got %v", err)
	}
}

// multiarch names the Debian include directory of the host's asm/ headers.
func multiarch() string {
	switch runtime.GOARCH {
	case "arm64":
		return "aarch64-linux-gnu"
	default:
		return "x86_64-linux-gnu"
	}
}

func BenchmarkVerifyUnit(b *testing.B) {
	for _, c := range []unitCase{
		{src: "xdp_count", entry: "xdp_count", section: "xdp"},
		{src: "map_in_map", entry: "xdp_flows", section: "xdp"},
	} {
		b.Run(c.src, func(b *testing.B) {
			dir := buildUnit(b, b.TempDir(), c)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := VerifyUnit(dir); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
