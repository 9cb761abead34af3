#ifndef LB_STRUCTS_H
#define LB_STRUCTS_H

#include <linux/types.h>

struct flow_key {
	union {
		__be32 src;
		__be32 srcv6[4];
	};
	union {
		__be32 dst;
		__be32 dstv6[4];
	};
	union {
		__u32 ports;
		__u16 port16[2];
	};
	__u8 proto;
};

struct packet_description {
	struct flow_key flow;
	__u32 real_index;
	__u8 flags;
	__u8 tos;
};

struct vip_definition {
	union {
		__be32 vip;
		__be32 vipv6[4];
	};
	__u16 port;
	__u8 proto;
};

struct vip_meta {
	__u32 flags;
	__u32 vip_num;
};

struct real_pos_lru {
	__u32 pos;
	__u64 atime;
};

struct real_definition {
	union {
		__be32 dst;
		__be32 dstv6[4];
	};
	__u8 flags;
};

struct ctl_value {
	union {
		__u64 value;
		__u32 ifindex;
		__u8 mac[6];
	};
};

struct lb_stats {
	__u64 v1;
	__u64 v2;
};

/* Health-check and decap programs only. */
struct hc_real_definition {
	__be32 daddr;
	__u8 flags;
};

struct decap_vip {
	__be32 addr;
	__u32 hits;
};

#endif
