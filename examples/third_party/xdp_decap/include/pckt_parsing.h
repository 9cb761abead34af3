/* SPDX-License-Identifier: GPL-2.0 */
/* Header parsing for the decapsulator. Every function advances
 * struct decap_ctx.nh_off and returns a DECAP_PARSE_* verdict. */
#ifndef __PCKT_PARSING_H
#define __PCKT_PARSING_H

#include <linux/types.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "decap_consts.h"
#include "decap_structs.h"
#include "csum_helpers.h"

#define DECAP_PARSE_OK 0
#define DECAP_PARSE_PASS 1 /* not for us: hand to the stack untouched */
#define DECAP_PARSE_DROP 2 /* malformed */
#define DECAP_PARSE_BAD_CSUM 3

static __always_inline int parse_eth(struct decap_ctx *dc, __u16 *h_proto)
{
	struct ethhdr *eth = dc->data;

	if ((void *)(eth + 1) > dc->data_end)
		return DECAP_PARSE_DROP;
	dc->nh_off = sizeof(*eth);
	*h_proto = eth->h_proto;
	return DECAP_PARSE_OK;
}

static __always_inline int parse_outer_ipv4(struct decap_ctx *dc)
{
	struct iphdr *iph = dc->data + dc->nh_off;

	if ((void *)(iph + 1) > dc->data_end)
		return DECAP_PARSE_DROP;
	if (iph->ihl != IPV4_IHL_NO_OPT)
		return DECAP_PARSE_PASS;
	if (iph->frag_off & bpf_htons(DECAP_IP_MF | DECAP_IP_OFFSET))
		return DECAP_PARSE_PASS;
	if (ipv4_hdr_csum_check(iph) != 0)
		return DECAP_PARSE_BAD_CSUM;

	dc->outer_daddr = iph->daddr;
	dc->inner_proto = iph->protocol;
	dc->nh_off += sizeof(*iph);
	return DECAP_PARSE_OK;
}

/* Make sure the inner header announced by the outer one is really there. */
static __always_inline int check_inner_l3(struct decap_ctx *dc, __u8 proto)
{
	void *inner = dc->data + dc->nh_off;

	if (proto == IPPROTO_IPIP) {
		struct iphdr *iph = inner;

		if ((void *)(iph + 1) > dc->data_end)
			return DECAP_PARSE_DROP;
		if (iph->version != 4)
			return DECAP_PARSE_DROP;
		return DECAP_PARSE_OK;
	}
	if (proto == IPPROTO_IPV6) {
		struct ipv6hdr *ip6h = inner;

		if ((void *)(ip6h + 1) > dc->data_end)
			return DECAP_PARSE_DROP;
		if (ip6h->version != 6)
			return DECAP_PARSE_DROP;
		return DECAP_PARSE_OK;
	}
	return DECAP_PARSE_PASS;
}

#ifdef ENABLE_GUE
/* GUE variant 1: the UDP payload starts directly with an IP header whose
 * version nibble tells the inner family. Sets *inner_proto to IPPROTO_IPIP
 * or IPPROTO_IPV6. */
static __always_inline int parse_gue_v1(struct decap_ctx *dc, __u8 *inner_proto)
{
	struct udphdr *udph = dc->data + dc->nh_off;
	__u8 *first;

	if ((void *)(udph + 1) > dc->data_end)
		return DECAP_PARSE_DROP;
	if (udph->dest != bpf_htons(GUE_DPORT))
		return DECAP_PARSE_PASS;
	dc->nh_off += sizeof(*udph);

	first = dc->data + dc->nh_off;
	if ((void *)(first + 1) > dc->data_end)
		return DECAP_PARSE_DROP;
	switch (*first >> 4) {
	case GUE_INNER_V4:
		*inner_proto = IPPROTO_IPIP;
		break;
	case GUE_INNER_V6:
		*inner_proto = IPPROTO_IPV6;
		break;
	default:
		return DECAP_PARSE_DROP;
	}
	return check_inner_l3(dc, *inner_proto);
}
#endif /* ENABLE_GUE */

/* GUE variant 0 parser; kept for a future control-message path, never
 * called. */
static __always_inline int parse_gue_v0(struct decap_ctx *dc)
{
	struct guehdr_v0 *gueh = dc->data + dc->nh_off;

	if ((void *)(gueh + 1) > dc->data_end)
		return DECAP_PARSE_DROP;
	if (gueh->version != 0 || gueh->control)
		return DECAP_PARSE_PASS;
	dc->nh_off += sizeof(*gueh) + gueh->hlen * 4;
	return DECAP_PARSE_OK;
}

/* IPv6 outer headers are not decapsulated by this version. */
static __always_inline int parse_outer_ipv6(struct decap_ctx *dc)
{
	struct ipv6hdr *ip6h = dc->data + dc->nh_off;

	if ((void *)(ip6h + 1) > dc->data_end)
		return DECAP_PARSE_DROP;
	dc->inner_proto = ip6h->nexthdr;
	dc->nh_off += sizeof(*ip6h);
	return DECAP_PARSE_OK;
}

#endif /* __PCKT_PARSING_H */
