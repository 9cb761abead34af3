// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>

#include "helpers.h"
#include "stamp.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct pkt_counts);
	__uint(max_entries, 1);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct pkt_times);
	__uint(max_entries, 1);
} times SEC(".maps");

SEC("xdp")
int xdp_stamp(struct xdp_md *ctx)
{
	__u32 key = 0;
	struct pkt_counts *c = map_lookup(&counts, &key);
	struct pkt_times *t = map_lookup(&times, &key);

	if (c)
		count_packet(c, ctx->data_end - ctx->data);
	if (t)
		stamp_packet(t, ktime_ns());
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
