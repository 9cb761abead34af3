#ifndef LB_TYPES_H
#define LB_TYPES_H

#include <linux/types.h>

#define RING_SIZE 65521

struct svc_key {
	__u32 vip;
	__u16 port;
	__u8 proto;
	__u8 pad;
};

/* Key of a ring slot: the slot and the ring generation the daemon wrote. */
struct ring_pos {
	__u32 slot;
	__u16 gen;
	__u16 pad;
};

struct backend {
	__u32 addr;
	__u16 port;
	__u16 weight;
	__u8 mac[6];
	__u16 flags;
	__u32 conns;
};

struct flow {
	__u32 saddr;
	__u32 daddr;
	__u16 sport;
	__u16 dport;
	__u8 proto;
	__u8 pad[3];
};

struct conn {
	__u64 last_seen;
	__u32 backend;
	__u32 packets;
};

#define BACKEND_DRAINING 0x1

enum { STAT_PASS, STAT_TX, STAT_NO_RING, STAT_NO_BACKEND };

#endif
