package hook

import (
	"errors"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/features"
)

// lastHelper bounds the helpers probed: every helper cilium/ebpf names.
func lastHelper() asm.BuiltinFunc {
	fn := asm.BuiltinFunc(1)
	for !strings.HasPrefix((fn + 1).String(), "BuiltinFunc(") {
		fn++
	}
	return fn
}

// TestHelperTableAgainstKernel checks every helper cilium/ebpf knows against the running
// kernel: available to XDP or SchedCLS exactly as the table says, and absent from the table
// when neither may call it.
func TestHelperTableAgainstKernel(t *testing.T) {
	have := func(pt ebpf.ProgramType, fn asm.BuiltinFunc) bool {
		err := features.HaveProgramHelper(pt, fn)
		if err != nil && !errors.Is(err, ebpf.ErrNotSupported) {
			if strings.Contains(err.Error(), "might sleep") {
				return false // sleepable-only helpers: not callable from packet programs
			}
			t.Fatalf("probing %s for %s (needs root and BPF): %v", fn, pt, err)
		}
		return err == nil
	}
	for fn := asm.BuiltinFunc(1); fn <= lastHelper(); fn++ {
		for _, pt := range PacketProgramTypes {
			want := have(pt, fn)
			got, known := HelperAllowed(pt, fn)
			if !known {
				t.Fatalf("%s: table does not cover %s", fn, pt)
			}
			if got != want {
				t.Errorf("%s (%s) at %s: table says %v, kernel says %v", fn, HelperName(fn), pt, got, want)
			}
		}
	}
}

func TestHelperName(t *testing.T) {
	for fn, want := range map[asm.BuiltinFunc]string{
		asm.FnXdpAdjustHead: "bpf_xdp_adjust_head", asm.FnSkbLoadBytesRelative: "bpf_skb_load_bytes_relative",
		asm.FnL3CsumReplace: "bpf_l3_csum_replace", asm.FnMapLookupElem: "bpf_map_lookup_elem",
		asm.FnGetPrandomU32: "bpf_get_prandom_u32", asm.FnSkcToTcp6Sock: "bpf_skc_to_tcp6_sock",
	} {
		if got := HelperName(fn); got != want {
			t.Errorf("HelperName(%s) = %q, want %q", fn, got, want)
		}
	}
	if _, known := HelperAllowed(ebpf.Kprobe, asm.FnMapLookupElem); known {
		t.Error("table claims to cover kprobe")
	}
}
