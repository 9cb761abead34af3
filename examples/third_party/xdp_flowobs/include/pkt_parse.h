/* SPDX-License-Identifier: GPL-2.0 */
/* Offset-based parsers used by the libbpf-era programs of this project.
 * Not compatible with flow_parse.h (same function names, different
 * signatures); a translation unit includes one or the other. */
#ifndef __PKT_PARSE_H
#define __PKT_PARSE_H

#include <linux/types.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Stores the EtherType in host order in *proto and the L3 offset in *off.
 * Returns 0, or -1 when the Ethernet header does not fit. */
static __always_inline int parse_ethhdr(void *data, void *data_end, __u16 *proto, __u32 *off)
{
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return -1;
	*proto = bpf_ntohs(eth->h_proto);
	*off = sizeof(*eth);
	return 0;
}

static __always_inline struct iphdr *parse_iphdr(void *data, void *data_end, __u32 *off)
{
	struct iphdr *iph = data + *off;

	if ((void *)(iph + 1) > data_end || iph->ihl < 5)
		return NULL;
	*off += iph->ihl * 4;
	return iph;
}

#endif /* __PKT_PARSE_H */
