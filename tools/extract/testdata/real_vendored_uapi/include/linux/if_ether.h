/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* Project copy of the UAPI Ethernet definitions, trimmed to what the
 * project uses; it shadows the system header through -Iinclude and keeps
 * the system header's include guard. */
#ifndef _LINUX_IF_ETHER_H
#define _LINUX_IF_ETHER_H

#include <linux/types.h>

#define ETH_ALEN	6
#define ETH_HLEN	14
#define ETH_P_IP	0x0800
#define ETH_P_8021Q	0x8100
#define ETH_P_8021AD	0x88A8

struct ethhdr {
	unsigned char	h_dest[ETH_ALEN];
	unsigned char	h_source[ETH_ALEN];
	__be16		h_proto;
} __attribute__((packed));

#endif
