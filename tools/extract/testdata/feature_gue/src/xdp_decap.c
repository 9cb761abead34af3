// SPDX-License-Identifier: GPL-2.0
/* Decapsulation: IPIP always; GUE only when built with -DENABLE_GUE. */
#include "decap.h"
#ifdef ENABLE_GUE
#include "gue.h"
#endif

#ifndef ENABLE_GUE
#define UDP_OTHER_WEIGHT 1

static __always_inline int count_udp_other(void)
{
	struct decap_stats *st = stats();

	if (st)
		st->udp_other += UDP_OTHER_WEIGHT;
	return DECAP_SKIP;
}
#endif

SEC("xdp")
int xdp_decap(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *uh = (void *)(iph + 1);
	int rc;

	if ((void *)(uh + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->ihl != 5)
		return XDP_PASS;
	if (iph->protocol == IPPROTO_IPIP)
		rc = decap_ipip(ctx);
	else if (iph->protocol == IPPROTO_UDP)
#ifdef ENABLE_GUE
		rc = decap_gue(ctx, uh);
#else
		rc = count_udp_other();
#endif
	else
		return XDP_PASS;
	if (rc == DECAP_ERR)
		return XDP_DROP;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
