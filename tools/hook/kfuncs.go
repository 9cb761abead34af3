package hook

import "github.com/cilium/ebpf"

// KfuncAvailability says which packet program types may call a kernel function (kfunc).
// Unlike the helper table it is not probed: a kfunc probe needs the kernel's BTF ID of each
// function. It lists the kfuncs tied to a hook's context; a kfunc not listed is unknown.
type KfuncAvailability struct {
	Name          string
	XDP, SchedCLS bool
}

var kfuncTable = []KfuncAvailability{
	{"bpf_dynptr_from_xdp", true, false},
	{"bpf_dynptr_from_skb", false, true},
	{"bpf_xdp_metadata_rx_timestamp", true, false},
	{"bpf_xdp_metadata_rx_hash", true, false},
	{"bpf_xdp_metadata_rx_vlan_tag", true, false},
	{"bpf_xdp_ct_lookup", true, false},
	{"bpf_xdp_ct_alloc", true, false},
	{"bpf_skb_ct_lookup", false, true},
	{"bpf_skb_ct_alloc", false, true},
	{"bpf_xdp_get_xfrm_state", true, false},
	{"bpf_xdp_xfrm_state_release", true, false},
	{"bpf_skb_get_xfrm_info", false, true},
	{"bpf_skb_set_xfrm_info", false, true},
	{"bpf_skb_get_fou_encap", false, true},
	{"bpf_skb_set_fou_encap", false, true},
	// Context-free kfuncs both may call.
	{"bpf_dynptr_slice", true, true},
	{"bpf_dynptr_slice_rdwr", true, true},
	{"bpf_dynptr_adjust", true, true},
	{"bpf_dynptr_is_null", true, true},
	{"bpf_dynptr_is_rdonly", true, true},
	{"bpf_dynptr_size", true, true},
	{"bpf_dynptr_clone", true, true},
	{"bpf_ct_release", true, true},
	{"bpf_ct_insert_entry", true, true},
	{"bpf_ct_set_timeout", true, true},
	{"bpf_ct_change_timeout", true, true},
	{"bpf_ct_set_status", true, true},
	{"bpf_ct_change_status", true, true},
	{"bpf_ct_set_nat_info", true, true},
	{"bpf_rcu_read_lock", true, true},
	{"bpf_rcu_read_unlock", true, true},
}

// KfuncAllowed reports whether programs of type pt may call the kfunc name; known is false
// when the table does not list it (or pt is not XDP or SchedCLS).
func KfuncAllowed(pt ebpf.ProgramType, name string) (allowed, known bool) {
	for _, k := range kfuncTable {
		if k.Name != name {
			continue
		}
		switch pt {
		case ebpf.XDP:
			return k.XDP, true
		case ebpf.SchedCLS:
			return k.SchedCLS, true
		}
	}
	return false, false
}
