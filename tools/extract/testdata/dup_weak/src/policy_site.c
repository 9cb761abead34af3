// SPDX-License-Identifier: GPL-2.0
/* This site's policy: drop everything that is not IPv4 or ARP. */
#include "policy.h"

static __always_inline int site_match(__u16 proto)
{
	return proto == bpf_htons(ETH_P_IP) || proto == bpf_htons(ETH_P_ARP);
}

__attribute__((noinline)) int site_policy(struct xdp_md *ctx, __u32 *verdict)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if (!verdict)
		return -1;
	if ((void *)(eth + 1) > data_end)
		return -1;
	*verdict = site_match(eth->h_proto) ? XDP_PASS : XDP_DROP;
	return 0;
}
