// SPDX-License-Identifier: GPL-2.0
/* Lesson 1: pass everything, count packets. */
#include "../common/common.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} lesson1_count SEC(".maps");

static __always_inline void count_pkt(void)
{
	__u32 zero = 0;
	__u64 *v = bpf_map_lookup_elem(&lesson1_count, &zero);

	if (v)
		*v += 1;
}

SEC("xdp")
int xdp_prog_simple(struct xdp_md *ctx)
{
	count_pkt();
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
