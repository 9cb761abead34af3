// SPDX-License-Identifier: GPL-2.0
/* Standalone IPIP decapsulation on the real servers. */
#include "lb_helpers.h"
#include "lb_consts.h"
#include "lb_stats.h"
#include "encap.h"
#include "decap.h"

SEC("xdp")
int tunnel_strip_prog(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);

	if (!PCKT_FITS(iph, data_end))
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_IPIP)
		return XDP_PASS;
	if (!strip_dst_known(iph->daddr))
		return XDP_PASS;
	if (!strip_v4(ctx, &data, &data_end))
		return XDP_DROP;
	stats_inc(STAT_STRIP);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
