// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "flow.h"

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct flow_key);
	__type(value, __u32);
	__uint(max_entries, 1024);
} flow_states SEC(".maps");

static __always_inline enum flow_state track(struct flow_key *k)
{
	__u32 st = FLOW_NEW, *cur = bpf_map_lookup_elem(&flow_states, k);

	if (cur)
		st = FLOW_EST;
	bpf_map_update_elem(&flow_states, k, &st, BPF_ANY);
	return st;
}

SEC("xdp")
int xdp_flows(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct flow_key k = {};

	if ((void *)(iph + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	k.saddr = iph->saddr;
	k.daddr = iph->daddr;
	return track(&k) == FLOW_EST ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
