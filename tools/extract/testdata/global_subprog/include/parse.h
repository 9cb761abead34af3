#ifndef LB_PARSE_H
#define LB_PARSE_H

#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include "meta.h"

static __always_inline int parse_l3(void *data, void *data_end, struct pkt_meta *meta)
{
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(iph + 1) > data_end)
		return -1;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return -1;
	meta->daddr = iph->daddr;
	meta->proto = iph->protocol;
	return iph->ihl * 4;
}

static __always_inline int parse_l4_port(void *l4, void *data_end, struct pkt_meta *meta)
{
	struct udphdr *uh = l4;

	if ((void *)(uh + 1) > data_end)
		return -1;
	meta->dport = bpf_ntohs(uh->dest);
	return 0;
}

#endif
