/* SPDX-License-Identifier: GPL-2.0 */
/* Flow records shared with the user-space collector. */
#ifndef __FLOW_H
#define __FLOW_H

#include <linux/types.h>

#define FLOW_TABLE_SIZE 16384
#define FLOW_BLOCKLIST_SIZE 1024

#define FLOW_SAMPLE_NEW 1
#define FLOW_SAMPLE_PERIODIC 2

/* IPv4 addresses use addr[0]; family is AF_INET or AF_INET6. */
struct flow_key {
	__u32 saddr[4];
	__u32 daddr[4];
	__u16 sport;
	__u16 dport;
	__u8 proto;
	__u8 family;
	__u16 pad;
};

struct flow_stats {
	__u64 packets;
	__u64 bytes;
	__u64 first_seen_ns;
	__u64 last_seen_ns;
	__u32 tcp_flags;
	__u32 pad;
};

struct flow_sample {
	struct flow_key key;
	__u64 packets;
	__u64 bytes;
	__u32 reason;
	__u32 pkt_len;
};

/* Value of flowobs_cfg[0]. sample_every == 0 samples only new flows. */
struct flowobs_cfg {
	__u32 sample_every;
	__u32 flags;
};

#endif /* __FLOW_H */
