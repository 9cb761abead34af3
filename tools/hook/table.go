package hook

import (
	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// Return code sets, named after include/uapi/linux/{bpf,pkt_cls,netfilter}.h.
var (
	xdpReturns = []Return{
		{"XDP_ABORTED", 0, ActionAbort},
		{"XDP_DROP", 1, ActionDrop},
		{"XDP_PASS", 2, ActionPass},
		{"XDP_TX", 3, ActionTx},
		{"XDP_REDIRECT", 4, ActionRedirect},
	}
	// Programs run from a devmap entry may not bounce or redirect again.
	xdpDevmapReturns = []Return{
		{"XDP_ABORTED", 0, ActionAbort},
		{"XDP_DROP", 1, ActionDrop},
		{"XDP_PASS", 2, ActionPass},
	}
	// Programs run from a cpumap entry may redirect but not bounce.
	xdpCpumapReturns = []Return{
		{"XDP_ABORTED", 0, ActionAbort},
		{"XDP_DROP", 1, ActionDrop},
		{"XDP_PASS", 2, ActionPass},
		{"XDP_REDIRECT", 4, ActionRedirect},
	}
	// cls_bpf in direct-action mode (net/sched/cls_bpf.c, cls_bpf_exec_opcode).
	clsReturns = []Return{
		{"TC_ACT_UNSPEC", -1, ActionNext},
		{"TC_ACT_OK", 0, ActionPass},
		{"TC_ACT_SHOT", 2, ActionDrop},
		{"TC_ACT_STOLEN", 4, ActionStolen},
		{"TC_ACT_REDIRECT", 7, ActionRedirect},
		{"TC_ACT_TRAP", 8, ActionStolen},
	}
	// act_bpf (net/sched/act_bpf.c, tcf_bpf_act).
	actReturns = []Return{
		{"TC_ACT_UNSPEC", -1, ActionNext},
		{"TC_ACT_OK", 0, ActionPass},
		{"TC_ACT_RECLASSIFY", 1, ActionReclassify},
		{"TC_ACT_SHOT", 2, ActionDrop},
		{"TC_ACT_PIPE", 3, ActionNext},
		{"TC_ACT_REDIRECT", 7, ActionRedirect},
	}
	// tcx (bpf_mprog) links: only these values are distinguished
	// (include/net/tcx.h, tcx_action_code).
	tcxReturns = []Return{
		{"TCX_NEXT", -1, ActionNext},
		{"TCX_PASS", 0, ActionPass},
		{"TCX_DROP", 2, ActionDrop},
		{"TCX_REDIRECT", 7, ActionRedirect},
	}
	netkitReturns = []Return{
		{"NETKIT_NEXT", -1, ActionNext},
		{"NETKIT_PASS", 0, ActionPass},
		{"NETKIT_DROP", 2, ActionDrop},
		{"NETKIT_REDIRECT", 7, ActionRedirect},
	}
	skReturns = []Return{
		{"SK_DROP", 0, ActionDrop},
		{"SK_PASS", 1, ActionPass},
	}
	// cgroup_skb egress: bit 0 allows, bit 1 asks for congestion notification.
	cgroupEgressReturns = []Return{
		{"SK_DROP", 0, ActionDrop},
		{"SK_PASS", 1, ActionPass},
		{"SK_DROP|NET_XMIT_CN", 2, ActionDrop},
		{"SK_PASS|NET_XMIT_CN", 3, ActionPass},
	}
	lwtInReturns = []Return{
		{"BPF_OK", 0, ActionPass},
		{"BPF_DROP", 2, ActionDrop},
		{"BPF_LWT_REROUTE", 128, ActionReroute},
	}
	lwtOutReturns = []Return{
		{"BPF_OK", 0, ActionPass},
		{"BPF_DROP", 2, ActionDrop},
	}
	lwtXmitReturns = []Return{
		{"BPF_OK", 0, ActionPass},
		{"BPF_DROP", 2, ActionDrop},
		{"BPF_REDIRECT", 7, ActionRedirect},
		{"BPF_LWT_REROUTE", 128, ActionReroute},
	}
	lwtSeg6Returns = []Return{
		{"BPF_OK", 0, ActionPass},
		{"BPF_DROP", 2, ActionDrop},
		{"BPF_REDIRECT", 7, ActionRedirect},
	}
	flowDissectorReturns = []Return{
		{"BPF_OK", 0, ActionPass},
		{"BPF_DROP", 2, ActionDrop},
		{"BPF_FLOW_DISSECTOR_CONTINUE", 129, ActionContinue},
	}
	netfilterReturns = []Return{
		{"NF_DROP", 0, ActionDrop},
		{"NF_ACCEPT", 1, ActionPass},
	}
	sockopsReturns = []Return{
		{"0", 0, ActionOK},
		{"1", 1, ActionOK},
	}
	ignoredReturns = []Return{{"0", 0, ActionOK}}
)

const (
	tracingNote = "the kernel refuses BPF_PROG_TYPE_TRACING fentry/fexit/fmod_ret programs with EPERM on this machine class"
	lsmNote     = "the kernel refuses BPF_PROG_TYPE_LSM with EPERM on this machine class"
	extNote     = "the kernel refuses BPF_PROG_TYPE_EXT with EPERM on this machine class"
	tcxOther    = "ends the tcx chain, then is treated as TCX_NEXT (classic tc runs)"
	xdpOther    = "the kernel warns (bpf_warn_invalid_xdp_action) and drops the packet like XDP_ABORTED"
)

// table is ordered like libbpf's section_defs: a more specific pattern comes
// before any pattern that is a prefix of it.
var table = []Hook{
	{Section: "socket", Class: Network, ProgramType: ebpf.SocketFilter, Context: "struct __sk_buff",
		Returns: []Return{{"0", 0, ActionDrop}}, Otherwise: "number of bytes of the packet to keep; 0 drops it",
		TestRun: true, Loadable: true},

	{Section: "kprobe+", Class: Tracing, ProgramType: ebpf.Kprobe, Context: "struct pt_regs",
		Returns: ignoredReturns, Otherwise: "ignored", Loadable: true},
	{Section: "kretprobe+", Class: Tracing, ProgramType: ebpf.Kprobe, Context: "struct pt_regs",
		Returns: ignoredReturns, Otherwise: "ignored", Loadable: true},

	{Section: "tc/ingress", Class: Network, ProgramType: ebpf.SchedCLS, AttachType: ebpf.AttachTCXIngress,
		Context: "struct __sk_buff", Returns: tcxReturns, Otherwise: tcxOther,
		TestRun: true, Loadable: true},
	{Section: "tc/egress", Class: Network, ProgramType: ebpf.SchedCLS, AttachType: ebpf.AttachTCXEgress,
		Context: "struct __sk_buff", Returns: tcxReturns, Otherwise: tcxOther,
		TestRun: true, Loadable: true},
	{Section: "tcx/ingress", Class: Network, ProgramType: ebpf.SchedCLS, AttachType: ebpf.AttachTCXIngress,
		Context: "struct __sk_buff", Returns: tcxReturns, Otherwise: tcxOther,
		TestRun: true, Loadable: true},
	{Section: "tcx/egress", Class: Network, ProgramType: ebpf.SchedCLS, AttachType: ebpf.AttachTCXEgress,
		Context: "struct __sk_buff", Returns: tcxReturns, Otherwise: tcxOther,
		TestRun: true, Loadable: true},
	{Section: "tc", Class: Network, ProgramType: ebpf.SchedCLS,
		Context: "struct __sk_buff", Returns: clsReturns, Otherwise: "treated as TC_ACT_UNSPEC: the next filter runs",
		TestRun: true, Loadable: true},
	{Section: "classifier", Class: Network, ProgramType: ebpf.SchedCLS,
		Context: "struct __sk_buff", Returns: clsReturns, Otherwise: "treated as TC_ACT_UNSPEC: the next filter runs",
		TestRun: true, Loadable: true},
	{Section: "action", Class: Network, ProgramType: ebpf.SchedACT,
		Context: "struct __sk_buff", Returns: actReturns, Otherwise: "treated as TC_ACT_UNSPEC (TC_ACT_UNSPEC itself selects the action's configured default)",
		TestRun: true, Loadable: true},
	{Section: "netkit/primary", Class: Network, ProgramType: ebpf.SchedCLS, AttachType: ebpf.AttachNetkitPrimary,
		Context: "struct __sk_buff", Returns: netkitReturns, Otherwise: "ends the netkit chain and drops the packet (drivers/net/netkit.c)",
		TestRun: true, Loadable: true},
	{Section: "netkit/peer", Class: Network, ProgramType: ebpf.SchedCLS, AttachType: ebpf.AttachNetkitPeer,
		Context: "struct __sk_buff", Returns: netkitReturns, Otherwise: "ends the netkit chain and drops the packet (drivers/net/netkit.c)",
		TestRun: true, Loadable: true},

	{Section: "tracepoint+", Class: Tracing, ProgramType: ebpf.TracePoint, Context: "void",
		Returns: ignoredReturns, Otherwise: "ignored", Loadable: true},
	{Section: "tp+", Class: Tracing, ProgramType: ebpf.TracePoint, Context: "void",
		Returns: ignoredReturns, Otherwise: "ignored", Loadable: true},
	{Section: "raw_tracepoint+", Class: Tracing, ProgramType: ebpf.RawTracepoint, Context: "struct bpf_raw_tracepoint_args",
		Returns: ignoredReturns, Otherwise: "ignored", Loadable: true},
	{Section: "raw_tp+", Class: Tracing, ProgramType: ebpf.RawTracepoint, Context: "struct bpf_raw_tracepoint_args",
		Returns: ignoredReturns, Otherwise: "ignored", Loadable: true},
	{Section: "tp_btf+", Class: Tracing, ProgramType: ebpf.Tracing, AttachType: ebpf.AttachTraceRawTp, Context: "__u64",
		Returns: ignoredReturns, Otherwise: "ignored", Loadable: true},
	{Section: "fentry+", Class: Tracing, ProgramType: ebpf.Tracing, AttachType: ebpf.AttachTraceFEntry, Context: "__u64",
		Returns: ignoredReturns, Otherwise: "must be 0", Range: &Range{0, 0}, Note: tracingNote},
	{Section: "fmod_ret+", Class: Tracing, ProgramType: ebpf.Tracing, AttachType: ebpf.AttachModifyReturn, Context: "__u64",
		Returns: ignoredReturns, Otherwise: "replaces the traced function's return value (0 keeps it)", Note: tracingNote},
	{Section: "fexit+", Class: Tracing, ProgramType: ebpf.Tracing, AttachType: ebpf.AttachTraceFExit, Context: "__u64",
		Returns: ignoredReturns, Otherwise: "must be 0", Range: &Range{0, 0}, Note: tracingNote},
	{Section: "freplace+", Class: Tracing, ProgramType: ebpf.Extension, Context: "void",
		Returns: ignoredReturns, Otherwise: "whatever the replaced function returns", Note: extNote},
	{Section: "lsm+", Class: Tracing, ProgramType: ebpf.LSM, AttachType: ebpf.AttachLSMMac, Context: "__u64",
		Returns: ignoredReturns, Otherwise: "0 allows, a negative errno denies", Note: lsmNote},
	{Section: "lsm.s+", Class: Tracing, ProgramType: ebpf.LSM, AttachType: ebpf.AttachLSMMac, Flags: unix.BPF_F_SLEEPABLE, Context: "__u64",
		Returns: ignoredReturns, Otherwise: "0 allows, a negative errno denies", Note: lsmNote},

	{Section: "xdp.frags/devmap", Class: Network, ProgramType: ebpf.XDP, AttachType: ebpf.AttachXDPDevMap, Flags: unix.BPF_F_XDP_HAS_FRAGS,
		Context: "struct xdp_md", Returns: xdpDevmapReturns, Otherwise: xdpOther, Loadable: true},
	{Section: "xdp/devmap", Class: Network, ProgramType: ebpf.XDP, AttachType: ebpf.AttachXDPDevMap,
		Context: "struct xdp_md", Returns: xdpDevmapReturns, Otherwise: xdpOther, Loadable: true},
	{Section: "xdp.frags/cpumap", Class: Network, ProgramType: ebpf.XDP, AttachType: ebpf.AttachXDPCPUMap, Flags: unix.BPF_F_XDP_HAS_FRAGS,
		Context: "struct xdp_md", Returns: xdpCpumapReturns, Otherwise: xdpOther, Loadable: true},
	{Section: "xdp/cpumap", Class: Network, ProgramType: ebpf.XDP, AttachType: ebpf.AttachXDPCPUMap,
		Context: "struct xdp_md", Returns: xdpCpumapReturns, Otherwise: xdpOther, Loadable: true},
	{Section: "xdp.frags", Class: Network, ProgramType: ebpf.XDP, AttachType: ebpf.AttachXDP, Flags: unix.BPF_F_XDP_HAS_FRAGS,
		Context: "struct xdp_md", Returns: xdpReturns, Otherwise: xdpOther, TestRun: true, Loadable: true},
	{Section: "xdp", Class: Network, ProgramType: ebpf.XDP, AttachType: ebpf.AttachXDP,
		Context: "struct xdp_md", Returns: xdpReturns, Otherwise: xdpOther, TestRun: true, Loadable: true},

	{Section: "lwt_in", Class: Network, ProgramType: ebpf.LWTIn, Context: "struct __sk_buff",
		Returns: lwtInReturns, Otherwise: "the packet is dropped", TestRun: true, Loadable: true},
	{Section: "lwt_out", Class: Network, ProgramType: ebpf.LWTOut, Context: "struct __sk_buff",
		Returns: lwtOutReturns, Otherwise: "the packet is dropped", TestRun: true, Loadable: true},
	{Section: "lwt_xmit", Class: Network, ProgramType: ebpf.LWTXmit, Context: "struct __sk_buff",
		Returns: lwtXmitReturns, Otherwise: "the packet is dropped", TestRun: true, Loadable: true},
	{Section: "lwt_seg6local", Class: Network, ProgramType: ebpf.LWTSeg6Local, Context: "struct __sk_buff",
		Returns: lwtSeg6Returns, Otherwise: "the packet is dropped", Loadable: true},
	{Section: "sockops", Class: Network, ProgramType: ebpf.SockOps, AttachType: ebpf.AttachCGroupSockOps, Context: "struct bpf_sock_ops",
		Returns: sockopsReturns, Otherwise: "the verifier rejects other values", Range: &Range{0, 1}, Loadable: true},
	{Section: "sk_skb/stream_parser", Class: Network, ProgramType: ebpf.SkSKB, AttachType: ebpf.AttachSkSKBStreamParser, Context: "struct __sk_buff",
		Returns: []Return{{"0", 0, ActionNext}}, Otherwise: "length of the next message; 0 asks for more data, negative is an error", Loadable: true},
	{Section: "sk_skb/stream_verdict", Class: Network, ProgramType: ebpf.SkSKB, AttachType: ebpf.AttachSkSKBStreamVerdict, Context: "struct __sk_buff",
		Returns: skReturns, Otherwise: "the message is dropped", Loadable: true},
	{Section: "sk_skb/verdict", Class: Network, ProgramType: ebpf.SkSKB, AttachType: ebpf.AttachSkSKBVerdict, Context: "struct __sk_buff",
		Returns: skReturns, Otherwise: "the message is dropped", Loadable: true},
	{Section: "sk_skb", Class: Network, ProgramType: ebpf.SkSKB, Context: "struct __sk_buff",
		Returns: skReturns, Otherwise: "the message is dropped", Loadable: true},
	{Section: "sk_msg", Class: Network, ProgramType: ebpf.SkMsg, AttachType: ebpf.AttachSkMsgVerdict, Context: "struct sk_msg_md",
		Returns: skReturns, Otherwise: "the message is dropped", Loadable: true},
	{Section: "flow_dissector", Class: Network, ProgramType: ebpf.FlowDissector, AttachType: ebpf.AttachFlowDissector, Context: "struct __sk_buff",
		Returns: flowDissectorReturns, Otherwise: "dissection fails", TestRun: true, Loadable: true},
	{Section: "cgroup_skb/ingress", Class: Network, ProgramType: ebpf.CGroupSKB, AttachType: ebpf.AttachCGroupInetIngress, Context: "struct __sk_buff",
		Returns: skReturns, Otherwise: "the verifier rejects other values", Range: &Range{0, 1}, TestRun: true, Loadable: true},
	{Section: "cgroup_skb/egress", Class: Network, ProgramType: ebpf.CGroupSKB, AttachType: ebpf.AttachCGroupInetEgress, Context: "struct __sk_buff",
		Returns: cgroupEgressReturns, Otherwise: "the verifier rejects other values", Range: &Range{0, 3}, TestRun: true, Loadable: true},
	{Section: "cgroup/skb", Class: Network, ProgramType: ebpf.CGroupSKB, Context: "struct __sk_buff",
		Returns: skReturns, Otherwise: "the verifier rejects other values", Range: &Range{0, 1}, TestRun: true, Loadable: true},
	{Section: "sk_lookup", Class: Network, ProgramType: ebpf.SkLookup, AttachType: ebpf.AttachSkLookup, Context: "struct bpf_sk_lookup",
		Returns: skReturns, Otherwise: "the verifier rejects other values", Range: &Range{0, 1}, Loadable: true},
	{Section: "netfilter", Class: Network, ProgramType: ebpf.Netfilter, AttachType: ebpf.AttachNetfilter, Context: "struct bpf_nf_ctx",
		Returns: netfilterReturns, Otherwise: "the verifier rejects other values", Range: &Range{0, 1}, TestRun: true, Loadable: true},
}

// FieldMapping relates a field of struct xdp_md to the field of struct
// __sk_buff a TC program reads for the same fact.
type FieldMapping struct {
	XDP, SKB string
	// Exact is false when the two fields only approximate each other.
	Exact bool
	Note  string
}

// XDPToSKB lists the struct xdp_md fields and their struct __sk_buff
// counterparts. It records facts only; transformation is a later stage.
var XDPToSKB = []FieldMapping{
	{"data", "data", true, "start of packet data (direct packet access)"},
	{"data_end", "data_end", true, "end of linear packet data"},
	{"data_meta", "data_meta", true, "metadata area in front of data"},
	{"ingress_ifindex", "ingress_ifindex", true, "receiving interface"},
	{"rx_queue_index", "queue_mapping", false, "at TC ingress queue_mapping is the recorded rx queue"},
	{"egress_ifindex", "ifindex", false, "devmap programs only; at TC egress ifindex is the transmitting device"},
}
