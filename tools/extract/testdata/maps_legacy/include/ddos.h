#ifndef DDOS_H
#define DDOS_H

#include <linux/types.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include "bpf_helpers.h"

#define htons_const(x) ((__u16)__builtin_bswap16(x))

#define STAT_PASS 0
#define STAT_DROP 1
#define STAT_SLOTS 2

#define RATE_WINDOW_NS 1000000000ULL
#define RATE_MAX_PPS 1000

struct rate_state {
	__u64 window_start;
	__u64 packets;
};

struct src_info {
	__u32 saddr;
	__u16 dport;
	__u16 pad;
};

#endif
