#ifndef DUP_IPV6_H
#define DUP_IPV6_H

#include <linux/ipv6.h>
#include "common.h"

/* IPv6 variant with the same name and a different signature. */
static __always_inline int parse_ip(struct ipv6hdr *ip6h, void *data_end,
				    struct addr6_pair *out, int copy_dst)
{
	if ((void *)(ip6h + 1) > data_end)
		return -1;
	__builtin_memcpy(out->src, &ip6h->saddr, 16);
	if (copy_dst)
		__builtin_memcpy(out->dst, &ip6h->daddr, 16);
	return ip6h->nexthdr;
}

#endif
