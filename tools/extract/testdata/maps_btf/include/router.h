#ifndef ROUTER_H
#define ROUTER_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MAX_ROUTES 1024
#define MAX_FLOWS 4096
#define MAX_TENANTS 16
#define NR_COUNTERS 3

enum counter_idx {
	CNT_ROUTED = 0,
	CNT_BLOCKED = 1,
	CNT_NOROUTE = 2,
};

struct route_key {
	__u32 prefixlen;
	__u32 addr;
};

struct next_hop {
	__u32 ifindex;
	__u32 tenant;
};

struct flow_state {
	__u64 packets;
	__u64 bytes;
};

struct tenant_limit {
	__u64 max_bytes;
};

struct debug_event {
	__u32 addr;
	__u32 reason;
};

#endif
