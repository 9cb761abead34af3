/* Shared definitions for the packet filter. */
#ifndef FILTER_COMMON_H
#define FILTER_COMMON_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define FILTER_MAX_RULES 256
#define FILTER_STATS_SLOTS 4
#define MAX_TUNNEL_HOPS 8 /* not used by the XDP program */

enum verdict_slot {
	SLOT_PASS = 0,
	SLOT_DROP = 1,
	SLOT_MALFORMED = 2,
	SLOT_OTHER = 3,
};

struct flow_key {
	__u32 saddr;
	__u32 daddr;
	__u16 sport;
	__u16 dport;
	__u8 proto;
	__u8 pad[3];
};

struct rule_value {
	__u32 action;
	__u32 hits;
};

/* Configuration of a tunnel endpoint; only user space uses it. */
struct tunnel_cfg {
	__u32 remote;
	__u32 hops;
};

#endif
