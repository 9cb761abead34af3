// SPDX-License-Identifier: GPL-2.0
/* Dispatcher and per-protocol stages chained with tail calls through a
 * statically initialised BTF prog array. */
#include "dispatch.h"

int stage_v4(struct xdp_md *ctx);
int stage_v6(struct xdp_md *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, STAGE_MAX);
	__uint(key_size, sizeof(__u32));
	__array(values, int(void *));
} stages SEC(".maps") = {
	.values = {
		[STAGE_V4] = (void *)&stage_v4,
		[STAGE_V6] = (void *)&stage_v6,
	},
};

static __always_inline int ttl_check(__u8 ttl)
{
	return ttl > 1 ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
int stage_v4(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *iph = data + sizeof(struct ethhdr);

	if (!l3_ok(iph, sizeof(*iph), data_end))
		return XDP_DROP;
	/* Mis-tagged IPv6 behind an IPv4 ethertype: hand it to the v6 stage. */
	if (iph->version == 6)
		bpf_tail_call_static(ctx, &stages, STAGE_V6);
	return ttl_check(iph->ttl);
}

SEC("xdp")
int stage_v6(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ipv6hdr *ip6h = data + sizeof(struct ethhdr);
	struct scratch *s = get_scratch();

	if (!l3_ok(ip6h, sizeof(*ip6h), data_end))
		return XDP_DROP;
	if (s)
		s->hits++;
	return ttl_check(ip6h->hop_limit);
}

/* A stage that is built but never installed in the prog array. */
SEC("xdp")
int stage_arp(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("xdp")
int xdp_dispatch(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct scratch *s = get_scratch();

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	if (s)
		s->l3_off = sizeof(*eth);
	if (eth->h_proto == bpf_htons(ETH_P_IP))
		bpf_tail_call(ctx, &stages, STAGE_V4);
	else if (eth->h_proto == bpf_htons(ETH_P_IPV6))
		bpf_tail_call(ctx, &stages, STAGE_V6);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
