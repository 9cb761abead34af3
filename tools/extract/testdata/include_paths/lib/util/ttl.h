#ifndef LIB_UTIL_TTL_H
#define LIB_UTIL_TTL_H

#include <linux/ip.h>

#define EDGE_MIN_TTL 2

static __always_inline int ttl_ok(struct iphdr *iph)
{
	return iph->ttl >= EDGE_MIN_TTL;
}

#endif
