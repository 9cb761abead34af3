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

struct pkt_desc {
	struct flow_key flow;
	__u32 real_index;
	__u8 flags;
	__u8 tos;
};

struct svc_key {
	union {
		__be32 vip;
		__be32 vipv6[4];
	};
	__u16 port;
	__u8 proto;
};

struct svc_meta {
	__u32 flags;
	__u32 vip_num;
};

struct backend_lru_val {
	__u32 pos;
	__u64 atime;
};

struct backend {
	union {
		__be32 dst;
		__be32 dstv6[4];
	};
	__u8 flags;
};

struct lb_ctl_val {
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
struct probe_target {
	__be32 daddr;
	__u8 flags;
};

struct strip_svc {
	__be32 addr;
	__u32 hits;
};

#endif
