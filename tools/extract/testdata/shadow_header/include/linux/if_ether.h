/* The project's own <linux/if_ether.h>: with -Iinclude it shadows the
 * system header of the same name (projects vendor UAPI headers this way to
 * build against a fixed kernel ABI). It also carries project additions. */
#ifndef _PROJECT_LINUX_IF_ETHER_H
#define _PROJECT_LINUX_IF_ETHER_H

#include <linux/types.h>

#define ETH_ALEN 6
#define ETH_HLEN 14
#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806
#define ETH_P_8021Q 0x8100
#define ETH_P_IPV6 0x86DD
/* Local experimental ethertype (IEEE 802 local experimental 1). */
#define ETH_P_LOCAL_EXP 0x88B5

struct ethhdr {
	unsigned char h_dest[ETH_ALEN];
	unsigned char h_source[ETH_ALEN];
	__be16 h_proto;
} __attribute__((packed));

struct vlan_hdr {
	__be16 h_vlan_TCI;
	__be16 h_vlan_encapsulated_proto;
};

#endif
