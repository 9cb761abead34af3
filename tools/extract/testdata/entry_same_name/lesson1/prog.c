// SPDX-License-Identifier: GPL-2.0
/* Lesson 1: pass everything, count packets. */
#include "../common/common.h"
#include "shared_defs.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct pkt_counter);
} lesson1_count SEC(".maps");

static __always_inline void count_pkt(void)
{
	__u32 zero = 0;
	struct pkt_counter *v = bpf_map_lookup_elem(&lesson1_count, &zero);

	if (v)
		v->packets += 1;
}

SEC("xdp")
int xdp_lesson_entry(struct xdp_md *ctx)
{
	count_pkt();
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
