// SPDX-License-Identifier: GPL-2.0
/* Packet counter, enabled by a control flag; used in tests of the root. */
#include "lb_helpers.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} tally_ctl SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} tally_counts SEC(".maps");

SEC("xdp")
int pkt_tally(struct xdp_md *ctx)
{
	__u32 zero = 0;
	__u32 *flag = bpf_map_lookup_elem(&tally_ctl, &zero);
	__u64 *cnt;

	if (!flag || !*flag)
		return XDP_PASS;
	cnt = bpf_map_lookup_elem(&tally_counts, &zero);
	if (cnt)
		*cnt += 1;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
