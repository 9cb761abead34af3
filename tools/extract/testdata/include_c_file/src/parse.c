// SPDX-License-Identifier: GPL-2.0
/* Header access helpers, #included by the program file. */
#include "echo.h"

static __always_inline
struct iphdr *
ipv4_header(void *data, void *data_end)
{
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(iph + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return NULL;
	return iph->ihl == 5 ? iph : NULL;
}

static __always_inline struct icmp_echo *echo_header(struct iphdr *iph, void *data_end)
{
	struct icmp_echo *icmp = (void *)(iph + 1);

	if ((void *)(icmp + 1) > data_end || iph->protocol != IPPROTO_ICMP)
		return NULL;
	return icmp;
}

static __always_inline void swap_macs(struct ethhdr *eth)
{
	__u8 tmp[ETH_ALEN];

	memcpy(tmp, eth->h_source, ETH_ALEN);
	memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
	memcpy(eth->h_dest, tmp, ETH_ALEN);
}
