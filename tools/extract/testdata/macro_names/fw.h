#ifndef FW_FW_H
#define FW_FW_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include "compiler.h"

/* Old-style helper declaration, as projects did before bpf_helper_defs.h. */
static void *(*fw_map_lookup)(void *map, const void *key) = (void *)BPF_FUNC_map_lookup_elem;

#define FW_ALLOW 0
#define FW_DENY 1

struct fw_map_def {
	int (*type)[BPF_MAP_TYPE_ARRAY];
	int (*max_entries)[2];
	__u32 *key;
	__u32 *value;
};

struct fw_map_def fw_policy __section(".maps");

DEFINE_PARSER(ipv4)
{
	struct iphdr *iph = p;

	if ((void *)(iph + 1) > end)
		return -1;
	return iph->ttl > 1 ? FW_ALLOW : FW_DENY;
}

DEFINE_PARSER(ipv6)
{
	struct ipv6hdr *ip6h = p;

	if ((void *)(ip6h + 1) > end)
		return -1;
	return ip6h->hop_limit > 1 ? FW_ALLOW : FW_DENY;
}

/* Generated but unused parser. */
DEFINE_PARSER(arp)
{
	return p < end ? FW_ALLOW : FW_DENY;
}

#endif
