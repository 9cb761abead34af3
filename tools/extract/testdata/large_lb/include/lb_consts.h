#ifndef LB_CONSTS_H
#define LB_CONSTS_H

#include "lb_config.h"

#define MAX_VIPS 64
#define MAX_REALS 1024
#define CH_RING_SIZE 257
#define CH_RINGS_SIZE (MAX_VIPS * CH_RING_SIZE)
#define DEFAULT_LRU_SIZE 8192
#define MAX_SUPPORTED_CPUS 128
#define MAX_QUIC_REALS 256

/* vip_meta.flags */
#define F_HASH_NO_SRC_PORT (1 << 0)
#define F_LRU_BYPASS (1 << 1)
#define F_QUIC_VIP (1 << 2)
#define F_HASH_DPORT_ONLY (1 << 3)

/* real_definition.flags */
#define F_IPV6 (1 << 0)

/* packet_description.flags */
#define F_ICMP (1 << 0)
#define F_SYN_SET (1 << 1)

#define INIT_JHASH_SEED 0x0c0ffee
#define INIT_JHASH_SEED_V6 0xfeedfeed

/* Source address of encapsulated packets: 172.16.0.0/16 + hash. */
#define IPIP_V4_PREFIX 0xac100000
#define IPIP_V6_PREFIX1 0x0100
#define IPIP_V6_PREFIX2 0

#define DEFAULT_TTL 64
#define LRU_TIMEOUT_NS 30000000000ULL

/* Indexes into ctl_array. */
#define CTL_MAC_POS 0
#define CTL_IFINDEX_POS 1
#define CTL_ARRAY_SIZE 4

/* Indexes into stats (MAX_VIPS slots for per-VIP counters, then these). */
#define STATS_LRU (MAX_VIPS + 0)
#define STATS_LRU_MISS (MAX_VIPS + 1)
#define STATS_NEW_CONN (MAX_VIPS + 2)
#define STATS_ICMP_TOOBIG (MAX_VIPS + 3)
#define STATS_QUIC_ROUTED (MAX_VIPS + 4)
#define STATS_DECAP (MAX_VIPS + 5)
#define STATS_LRU_FALLBACK (MAX_VIPS + 6)
#define STATS_SIZE (MAX_VIPS + 8)

/* Only used by the health-check and decap programs. */
#define HC_MAX_SERVICES 64
#define DECAP_MAX_VIPS 32

#define QUIC_LONG_HEADER 0x80
#define QUIC_MIN_CONNID_LEN 8
#define QUIC_CONNID_VERSION 1

#endif
