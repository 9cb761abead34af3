// SPDX-License-Identifier: GPL-2.0
/* Counts IPv4 and IPv6 frames with macro-generated accessors and counters. */
#include "ctx.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u64);
} proto_counts SEC(".maps");

DEFINE_PROTO_COUNTER(ipv4, 0)
DEFINE_PROTO_COUNTER(ipv6, 1)
DEFINE_PROTO_COUNTER(arp, 2)

XDP_PROG(xdp_ctx_count)
{
	void *data = ctx_data(ctx);
	void *data_end = ctx_data_end(ctx);
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	if (eth->h_proto == bpf_htons(ETH_P_IP))
		count_ipv4();
	else if (eth->h_proto == bpf_htons(ETH_P_IPV6))
		count_ipv6();
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
