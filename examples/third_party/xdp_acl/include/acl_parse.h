/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __ACL_PARSE_H
#define __ACL_PARSE_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "acl_common.h"

/* Fills saddr, proto and dport (0 for port-less protocols). Returns -1 for
 * non-IPv4 or truncated packets. */
static __always_inline int acl_parse_v4(struct xdp_md *ctx, struct acl_pkt_meta *meta)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph;
	void *l4;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return -1;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end || iph->ihl < 5)
		return -1;
	meta->saddr = iph->saddr;
	meta->proto = iph->protocol;
	meta->dport = 0;

	l4 = (void *)iph + iph->ihl * 4;
	if (iph->protocol == IPPROTO_TCP) {
		struct tcphdr *th = l4;

		if ((void *)(th + 1) > data_end)
			return -1;
		meta->dport = bpf_ntohs(th->dest);
	} else if (iph->protocol == IPPROTO_UDP) {
		struct udphdr *uh = l4;

		if ((void *)(uh + 1) > data_end)
			return -1;
		meta->dport = bpf_ntohs(uh->dest);
	}
	return 0;
}

#endif /* __ACL_PARSE_H */
