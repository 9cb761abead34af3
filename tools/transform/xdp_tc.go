package transform

import (
	"fmt"

	"github.com/cilium/ebpf/asm"

	"github.com/opened-ebpf/opened/tools/hook"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// xdpToTC are the rules that move an XDP program to tc.
var xdpToTC = []Rule{
	{Name: "shim-header", Doc: "opened_tc_shim.h is copied into mcu.c before the first function", Run: shimHeader("opened_tc_shim.h", tcShim)},
	{Name: "context-type", Doc: "struct xdp_md becomes struct __sk_buff; data, data_end, data_meta and ingress_ifindex keep their names and meaning",
		Run: contextType("xdp_md", "__sk_buff")},
	{Name: "context-field", Doc: "rx_queue_index reads queue_mapping (the recorded rx queue); egress_ifindex (0 outside devmap programs) reads 0 at tc ingress and the transmitting device at tc egress",
		Run: xdpFields},
	{Name: "helper-shim", Doc: "XDP helpers through exact shims: adjust_head (grow with bpf_skb_change_head, shrink with bpf_skb_adjust_room after L2 and the new L2 bytes written, else a byte move and tail trim), adjust_tail (bpf_skb_change_tail), load/store_bytes, get_buff_len, bpf_redirect's XDP verdict",
		Run: helperShims(map[asm.BuiltinFunc]string{
			asm.FnXdpAdjustHead: "opened_tc_xdp_adjust_head",
			asm.FnXdpAdjustTail: "opened_tc_xdp_adjust_tail",
			asm.FnXdpLoadBytes:  "opened_tc_xdp_load_bytes",
			asm.FnXdpStoreBytes: "opened_tc_xdp_store_bytes",
			asm.FnXdpGetBuffLen: "opened_tc_xdp_get_buff_len",
			asm.FnRedirect:      "opened_tc_redirect",
		}, map[asm.BuiltinFunc]func(p *pass, call *cfront.Node) string{
			asm.FnXdpAdjustMeta: func(*pass, *cfront.Node) string {
				return "tc cannot reserve metadata in front of the packet: the metadata area (data_meta) only exists when XDP filled it"
			},
			asm.FnRedirectMap: func(p *pass, call *cfront.Node) string {
				m, t := p.mapArg(call)
				switch t {
				case "BPF_MAP_TYPE_CPUMAP":
					return fmt.Sprintf("redirect to a CPU through %s (CPUMAP): tc has no CPU redirect; CPUMAP needs XDP's redirect infrastructure", m)
				case "BPF_MAP_TYPE_XSKMAP":
					return fmt.Sprintf("redirect to an AF_XDP socket through %s (XSKMAP): AF_XDP sockets only receive from XDP", m)
				case "":
					return "bpf_redirect_map is not available to tc programs"
				}
				return fmt.Sprintf("bpf_redirect_map through %s (%s) is not available to tc programs", m, t)
			},
		})},
	{Name: "kernel-functions", Doc: "kfuncs the target may not call (tools/hook kfunc table; unknown ones block) and LLVM intrinsics it lacks (LD_ABS/LD_IND loads at XDP) block the port", Run: kernelFunctions},
	{Name: "entry-wrapper", Doc: "the XDP program becomes an always-inline function; a tc program of the same name makes the skb linear (bpf_skb_pull_data), runs it, makes skb->protocol follow an IPv4 <-> IPv6 change of the frame, and maps the verdict: XDP_PASS -> TC_ACT_OK (TC_ACT_UNSPEC with --chained), XDP_DROP/XDP_ABORTED/others -> TC_ACT_SHOT, XDP_TX -> bpf_redirect out of the receiving device, XDP_REDIRECT -> TC_ACT_REDIRECT",
		Run: entryWrapper("__xdp", "struct __sk_buff", "opened_tc_prologue", "opened_tc_sync_proto", xdpVerdicts)},
}

func xdpFields(p *pass) {
	p.walk(func(n, parent *cfront.Node) {
		name, ok := memberOf(n, "xdp_md")
		if !ok {
			return
		}
		s, e, ok := p.token(n.End)
		if !ok {
			return
		}
		switch name {
		case "rx_queue_index":
			p.edit(s, e, "queue_mapping", "at tc ingress queue_mapping is the queue the packet was received on")
		case "egress_ifindex":
			if p.toName == "tc-egress" {
				p.edit(s, e, "ifindex", "at tc egress ifindex is the transmitting device")
				return
			}
			ns, ne, ok := p.extent(n)
			if !ok {
				return
			}
			p.edit(ns, ne, "0 /* egress_ifindex: 0 outside devmap programs */", "")
		}
	})
}

// xdpVerdicts maps each XDP return code through its action to tc.
func xdpVerdicts(p *pass) ([]verdictCase, string) {
	tc, _ := hook.ForSection("tc")
	code := func(a hook.Action) string {
		for _, r := range tc.Returns {
			if r.Action == a {
				return r.Name
			}
		}
		return "TC_ACT_SHOT"
	}
	var out []verdictCase
	for _, r := range p.from.Returns {
		var to string
		switch r.Action {
		case hook.ActionPass:
			to = code(hook.ActionPass)
			if p.chained {
				to = code(hook.ActionNext)
			}
		case hook.ActionTx:
			to = "opened_redirect(opened_ctx->ifindex, 0)"
		case hook.ActionRedirect:
			to = code(hook.ActionRedirect)
		default: // drop, abort
			to = code(hook.ActionDrop)
		}
		out = append(out, verdictCase{from: r, to: to})
	}
	return out, code(hook.ActionDrop)
}
