#ifndef DUP_IPV4_H
#define DUP_IPV4_H

#include <linux/ip.h>
#include "common.h"

/* IPv4 variant of parse_ip: fills an address pair, returns the protocol. */
static __always_inline int parse_ip(void *l3, void *data_end, struct addr_pair *out)
{
	struct iphdr *iph = l3;

	if ((void *)(iph + 1) > data_end)
		return -1;
	out->src = iph->saddr;
	out->dst = iph->daddr;
	return iph->protocol;
}

#endif
