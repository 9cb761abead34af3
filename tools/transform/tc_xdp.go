package transform

import (
	"fmt"

	"github.com/cilium/ebpf/asm"

	"github.com/opened-ebpf/opened/tools/hook"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// tcToXDP are the rules that move a tc program to XDP.
var tcToXDP = []Rule{
	{Name: "shim-header", Doc: "opened_xdp_shim.h is copied into mcu.c before the first function", Run: shimHeader("opened_xdp_shim.h", xdpShim)},
	{Name: "context-type", Doc: "struct __sk_buff becomes struct xdp_md", Run: contextType("__sk_buff", "xdp_md")},
	{Name: "context-field", Doc: "__sk_buff fields XDP has: data, data_end, data_meta, ingress_ifindex as they are; ifindex -> ingress_ifindex; queue_mapping -> rx_queue_index; len -> the frame length; protocol -> the ethertype as eth_type_trans sets it; every other field blocks the port",
		Run: skbFields},
	{Name: "helper-shim", Doc: "skb helpers with an XDP equivalent through exact shims: load/store_bytes, pull_data, l3/l4_csum_replace, bpf_redirect's tc verdict",
		Run: helperShims(map[asm.BuiltinFunc]string{
			asm.FnSkbLoadBytes:  "opened_xdp_skb_load_bytes",
			asm.FnSkbStoreBytes: "opened_xdp_skb_store_bytes",
			asm.FnSkbPullData:   "opened_xdp_skb_pull_data",
			asm.FnL3CsumReplace: "opened_xdp_l3_csum_replace",
			asm.FnL4CsumReplace: "opened_xdp_l4_csum_replace",
			asm.FnRedirect:      "opened_xdp_redirect",
		}, map[asm.BuiltinFunc]func(p *pass, call *cfront.Node) string{})},
	{Name: "kernel-functions", Doc: "kfuncs the target may not call (tools/hook kfunc table; unknown ones block) and LLVM intrinsics it lacks (LD_ABS/LD_IND loads at XDP) block the port", Run: kernelFunctions},
	{Name: "entry-wrapper", Doc: "the tc program becomes an always-inline function; an XDP program of the same name runs it and maps the verdict: TC_ACT_OK/UNSPEC and unlisted values -> XDP_PASS, TC_ACT_SHOT/STOLEN/TRAP -> XDP_DROP, TC_ACT_REDIRECT -> XDP_REDIRECT",
		Run: entryWrapper("__tc", "struct xdp_md", "", "", tcVerdicts)},
}

// skbOnly explains fields of struct __sk_buff that XDP has no counterpart for.
var skbOnly = map[string]string{
	"mark":         "the packet mark is socket-buffer metadata; XDP runs before an skb exists",
	"priority":     "the queueing priority is socket-buffer metadata; XDP runs before an skb exists",
	"tc_classid":   "tc_classid is tc classifier state; XDP has none",
	"tc_index":     "tc_index is tc state; XDP has none",
	"cb":           "the control buffer cb[] belongs to the skb; XDP has none",
	"hash":         "the flow hash is computed for an skb; XDP has none",
	"sk":           "the packet's socket is only known for an skb",
	"pkt_type":     "pkt_type is set by the stack from the device address; XDP has no such field",
	"vlan_present": "a VLAN tag taken out by offload is skb metadata; XDP sees the frame only",
	"vlan_tci":     "a VLAN tag taken out by offload is skb metadata; XDP sees the frame only",
	"vlan_proto":   "a VLAN tag taken out by offload is skb metadata; XDP sees the frame only",
	"napi_id":      "napi_id is skb metadata",
	"tstamp":       "the timestamp is skb metadata",
	"wire_len":     "wire_len is skb metadata",
	"gso_segs":     "GSO is skb state; XDP frames are never GSO",
	"gso_size":     "GSO is skb state; XDP frames are never GSO",
	"family":       "socket fields are only known for an skb",
	"remote_ip4":   "socket fields are only known for an skb",
	"local_ip4":    "socket fields are only known for an skb",
	"remote_ip6":   "socket fields are only known for an skb",
	"local_ip6":    "socket fields are only known for an skb",
	"remote_port":  "socket fields are only known for an skb",
	"local_port":   "socket fields are only known for an skb",
	"hwtstamp":     "the hardware timestamp is skb metadata",
	"tstamp_type":  "the timestamp is skb metadata",
	"flow_keys":    "flow_keys only exist for flow dissector programs",
}

func skbFields(p *pass) {
	p.walk(func(n, parent *cfront.Node) {
		name, ok := memberOf(n, "__sk_buff")
		if !ok {
			return
		}
		ns, ne, ok := p.extent(n)
		if !ok {
			return
		}
		construct := p.src[ns:ne]
		if isWrite(n, parent) {
			p.block(ns, construct, "writes a socket-buffer field; XDP programs cannot write their context")
			return
		}
		s, e, ok := p.token(n.End)
		if !ok {
			return
		}
		switch name {
		case "data", "data_end", "data_meta", "ingress_ifindex":
		case "ifindex":
			p.edit(s, e, "ingress_ifindex", "at XDP the device is the receiving one")
		case "queue_mapping":
			p.edit(s, e, "rx_queue_index", "the queue the frame was received on")
		case "len", "protocol":
			base := p.text(n.Inner[0])
			if base == "" {
				p.block(ns, construct, "written through a macro; opened transform can only rewrite text of the unit")
				return
			}
			fn := map[string]string{"len": "opened_xdp_skb_len", "protocol": "opened_xdp_skb_protocol"}[name]
			p.edit(ns, ne, fmt.Sprintf("%s(%s)", fn, base), "computed from the frame")
		default:
			why, ok := skbOnly[name]
			if !ok {
				why = "XDP's context has no such field"
			}
			p.block(ns, construct, why)
		}
	})
}

// tcVerdicts maps each tc return code of the source hook through its action to XDP.
func tcVerdicts(p *pass) ([]verdictCase, string) {
	var out []verdictCase
	for _, r := range p.from.Returns {
		to := "XDP_PASS"
		switch r.Action {
		case hook.ActionDrop, hook.ActionStolen, hook.ActionAbort:
			to = "XDP_DROP"
		case hook.ActionRedirect:
			to = "XDP_REDIRECT"
		}
		out = append(out, verdictCase{from: r, to: to})
	}
	return out, "XDP_PASS"
}
