/* Included as "lib/net/parse.h" (repository root on the include path). */
#ifndef LIB_NET_PARSE_H
#define LIB_NET_PARSE_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "../util/bounds.h"

static __always_inline struct iphdr *l3_ipv4(void *data, void *data_end)
{
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);

	if (!in_bounds(iph, sizeof(*iph), data_end) || eth->h_proto != bpf_htons(ETH_P_IP))
		return 0;
	return iph;
}

#endif
