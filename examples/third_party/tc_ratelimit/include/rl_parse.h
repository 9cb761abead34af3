/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __RL_PARSE_H
#define __RL_PARSE_H

#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_endian.h>

#include "bpf_api.h"

/* IPv4 source address of an Ethernet frame, with direct packet access.
 * Returns -1 for anything that is not IPv4. */
static __inline int rl_get_saddr(struct __sk_buff *skb, __u32 *saddr)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);

	if ((void *)(iph + 1) > data_end)
		return -1;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return -1;
	*saddr = iph->saddr;
	return 0;
}

/* IPv6 is not limited yet; this parser has no caller. */
static __inline int rl_get_saddr6(struct __sk_buff *skb, struct in6_addr *saddr)
{
	struct ipv6hdr ip6h;

	if (skb->protocol != bpf_htons(ETH_P_IPV6))
		return -1;
	if (skb_load_bytes(skb, sizeof(struct ethhdr), &ip6h, sizeof(ip6h)) < 0)
		return -1;
	*saddr = ip6h.saddr;
	return 0;
}

#endif /* __RL_PARSE_H */
