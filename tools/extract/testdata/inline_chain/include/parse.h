#ifndef FILTER_PARSE_H
#define FILTER_PARSE_H

#include "common.h"
#include "bounds.h"
#include "l4.h"

/* Level 2: IPv4 header into a flow key. */
static __always_inline int parse_ipv4(void *data, void *data_end,
				      struct flow_key *key)
{
	struct iphdr *iph = data;

	if (!room_for(iph, sizeof(*iph), data_end))
		return -1;
	if (iph->ihl != 5)
		return -1;
	key->saddr = iph->saddr;
	key->daddr = iph->daddr;
	key->proto = iph->protocol;
	return parse_ports(iph + 1, data_end, iph->protocol, key);
}

/* Level 1: Ethernet, then IPv4. */
static __always_inline int parse_packet(void *data, void *data_end,
					struct flow_key *key)
{
	struct ethhdr *eth = data;

	if (!room_for(eth, sizeof(*eth), data_end))
		return -1;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return 1;
	return parse_ipv4(eth + 1, data_end, key);
}

/* A tunnel parser the filter does not call. */
static __always_inline int parse_tunnel_outer(void *data, void *data_end,
					      struct tunnel_cfg *cfg)
{
	if (!room_for_vlan_stack(data, MAX_TUNNEL_HOPS, data_end))
		return -1;
	cfg->hops = MAX_TUNNEL_HOPS;
	return 0;
}

#endif
