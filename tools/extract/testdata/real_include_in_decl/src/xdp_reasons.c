// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "reasons.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, DROP_MAX);
} drop_counts SEC(".maps");

static __always_inline int drop(enum drop_reason r)
{
	__u32 key = r;
	__u64 *n;

	if (reason_counted(r)) {
		n = bpf_map_lookup_elem(&drop_counts, &key);
		if (n)
			*n += 1;
	}
	return XDP_DROP;
}

SEC("xdp")
int xdp_reasons(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(iph + 1) > data_end)
		return drop(DROP_short_frame);
	if (eth->h_proto == bpf_htons(ETH_P_IP) && iph->ttl <= 1)
		return drop(DROP_bad_ttl);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
