package transform

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/opened-ebpf/opened/loader"
)

// portCase is one corpus NF and the hook it moves to.
type portCase struct {
	nf      string
	to      string
	chained bool
}

var portCases = []portCase{
	{"decap", "tc-ingress", false},
	{"encap", "tc-ingress", false},
	{"icmp_echo", "tc-ingress", false},
	{"vlan", "tc-ingress", false},
	{"meta", "tc-ingress", true},
	{"counters", "tc-egress", false},
	{"redirect", "tc-ingress", false},
	{"tail_trim", "tc-ingress", false},
	{"own_uapi", "tc-ingress", false},
	{"tc_nat", "xdp", false},
	{"tc_filter", "xdp", false},
}

// portNF extracts-by-hand the NF, ports it and writes the port; it returns both unit dirs.
func portNF(t testing.TB, c portCase) (string, string, *Result) {
	t.Helper()
	orig := unitFromC(t, filepath.Join("nf", c.nf, "prog.c"))
	out := filepath.Join(t.TempDir(), "port")
	res, err := Run(context.Background(), Options{Unit: orig, To: c.to, Chained: c.chained, Out: out})
	if err != nil {
		t.Fatalf("%s -> %s: %v", c.nf, c.to, err)
	}
	return orig, out, res
}

// TestCorpusVerifies ports every corpus NF and loads the port into the kernel verifier at
// its new hook (and the original at its own).
func TestCorpusVerifies(t *testing.T) {
	for _, c := range portCases {
		t.Run(fmt.Sprintf("%s-%s", c.nf, c.to), func(t *testing.T) {
			orig, port, res := portNF(t, c)
			for _, dir := range []string{orig, port} {
				r, err := loader.VerifyUnit(dir)
				if err != nil {
					t.Fatalf("%s: %v\n%s", dir, err, res.Changes.Report())
				}
				t.Logf("%s at %s: %d instructions, %d processed", r.Program, r.Section, r.Instructions, r.VerifiedInstructions)
			}
		})
	}
}

// TestInfeasible checks that ports that cannot be exact list every blocking construct with
// its original line, and write nothing.
func TestInfeasible(t *testing.T) {
	for _, tc := range []struct {
		nf, to string
		want   []string
	}{
		{"bad_xdp", "tc-ingress", []string{
			"nf/bad_xdp/prog.c:25: bpf_xdp_adjust_meta: tc cannot reserve metadata in front of the packet: the metadata area (data_meta) only exists when XDP filled it",
			"nf/bad_xdp/prog.c:28: bpf_redirect_map: redirect to an AF_XDP socket through xsk_socks (XSKMAP): AF_XDP sockets only receive from XDP",
			"nf/bad_xdp/prog.c:29: bpf_redirect_map: redirect to a CPU through cpu_steer (CPUMAP): tc has no CPU redirect; CPUMAP needs XDP's redirect infrastructure",
		}},
		{"bad_tc", "xdp", []string{
			"nf/bad_tc/prog.c:11: skb->mark: the packet mark is socket-buffer metadata; XDP runs before an skb exists",
			"nf/bad_tc/prog.c:12: skb->priority: writes a socket-buffer field; XDP programs cannot write their context",
			"nf/bad_tc/prog.c:13: bpf_skb_change_tail: helper bpf_skb_change_tail is not available to XDP programs (tools/hook helper table) and has no shim",
			"nf/bad_tc/prog.c:15: bpf_skb_vlan_push: helper bpf_skb_vlan_push is not available to XDP programs (tools/hook helper table) and has no shim",
		}},
		{"bad_kfunc", "tc-ingress", []string{
			"nf/bad_kfunc/prog.c:16: bpf_dynptr_from_xdp: kernel function bpf_dynptr_from_xdp is not available to SchedCLS programs (it works on the source hook's context)",
			"nf/bad_kfunc/prog.c:22: bpf_opened_unknown_kfunc: kernel function bpf_opened_unknown_kfunc: opened transform does not know whether SchedCLS programs may call it (tools/hook kfunc table)",
		}},
		{"bad_ldabs", "xdp", []string{
			`nf/bad_ldabs/prog.c:12: load_half: load_half is the LLVM intrinsic "llvm.bpf.load.half" (an LD_ABS/LD_IND packet load), which only socket-buffer programs have; XDP reads the packet directly`,
			"nf/bad_ldabs/prog.c:14: skb->cb: the control buffer cb[] belongs to the skb; XDP has none",
		}},
	} {
		t.Run(tc.nf, func(t *testing.T) {
			unit := unitFromC(t, filepath.Join("nf", tc.nf, "prog.c"))
			out := filepath.Join(t.TempDir(), "port")
			_, err := Run(context.Background(), Options{Unit: unit, To: tc.to, Out: out})
			var ie *InfeasibleError
			if !errors.As(err, &ie) {
				t.Fatalf("want an InfeasibleError, got %v", err)
			}
			var got []string
			for _, b := range ie.Blockers {
				got = append(got, b.String())
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("blockers:\n%s\nwant:\n%s", join(got), join(tc.want))
			}
			if _, err := filepath.Glob(out); err == nil {
				if exists(out) {
					t.Errorf("%s was written", out)
				}
			}
		})
	}
}
