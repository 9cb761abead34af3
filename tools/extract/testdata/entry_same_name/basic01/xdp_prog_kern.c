// SPDX-License-Identifier: GPL-2.0
/* Lesson 1: pass everything, count packets. */
#include "../common/common.h"
#include "common_kern_user.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct datarec);
} lesson1_count SEC(".maps");

static __always_inline void count_pkt(void)
{
	__u32 zero = 0;
	struct datarec *v = bpf_map_lookup_elem(&lesson1_count, &zero);

	if (v)
		v->rx_packets += 1;
}

SEC("xdp")
int xdp_prog_simple(struct xdp_md *ctx)
{
	count_pkt();
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
