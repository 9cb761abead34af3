#ifndef V6_ONLY_H
#define V6_ONLY_H

static __always_inline int is_v6(const struct netkit_eth *eth)
{
	return eth->proto == NETKIT_HTONS(NETKIT_ETH_P_IPV6);
}

#endif
