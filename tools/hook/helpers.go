package hook

import (
	"strings"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
)

// HelperAvailability says which packet program types may call a BPF helper.
type HelperAvailability struct {
	Helper   asm.BuiltinFunc
	XDP      bool // ebpf.XDP
	SchedCLS bool // ebpf.SchedCLS (tc, tcx, netkit)
}

// PacketProgramTypes are the program types the helper table covers.
var PacketProgramTypes = []ebpf.ProgramType{ebpf.XDP, ebpf.SchedCLS}

// Helpers returns a copy of the helper table.
func Helpers() []HelperAvailability { return append([]HelperAvailability(nil), helperTable...) }

// HelperAllowed reports whether programs of type pt may call fn. known is false when pt is
// not one of PacketProgramTypes (the table says nothing about it).
func HelperAllowed(pt ebpf.ProgramType, fn asm.BuiltinFunc) (allowed, known bool) {
	if pt != ebpf.XDP && pt != ebpf.SchedCLS {
		return false, false
	}
	for _, h := range helperTable {
		if h.Helper == fn {
			if pt == ebpf.XDP {
				return h.XDP, true
			}
			return h.SchedCLS, true
		}
	}
	return false, true
}

// HelperName is the C name of a helper as bpf_helper_defs.h declares it
// (asm.FnXdpAdjustHead is bpf_xdp_adjust_head).
func HelperName(fn asm.BuiltinFunc) string {
	s := strings.TrimPrefix(fn.String(), "Fn")
	var b strings.Builder
	b.WriteString("bpf")
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			b.WriteByte('_')
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}
