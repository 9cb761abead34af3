#ifndef LB_CONSTS_H
#define LB_CONSTS_H

#include "lb_config.h"

#define LB_MAX_SVCS 64
#define LB_MAX_BACKENDS 1024
#define CH_RING_SIZE 257
#define BACKEND_RING_SIZE (LB_MAX_SVCS * CH_RING_SIZE)
#define LB_LRU_SIZE 8192
#define LB_MAX_CPUS 128
#define LB_MAX_QUIC_BACKENDS 256

/* svc_meta.flags */
#define SVC_F_NO_SPORT (1 << 0)
#define SVC_F_NO_LRU (1 << 1)
#define SVC_F_QUIC (1 << 2)
#define SVC_F_DPORT_HASH (1 << 3)

/* backend.flags */
#define BE_F_V6 (1 << 0)

/* pkt_desc.flags */
#define F_ICMP (1 << 0)
#define PD_F_SYN (1 << 1)

#define INIT_JHASH_SEED 0x0c0ffee
#define INIT_JHASH_SEED_V6 0xfeedfeed

/* Source address of encapsulated packets: 172.16.0.0/16 + hash. */
#define IPIP_V4_PREFIX 0xac100000
#define TUN_V6_PFX_HI 0x0100
#define TUN_V6_PFX_LO 0

#define DEFAULT_TTL 64
#define LRU_TIMEOUT_NS 30000000000ULL

/* Indexes into lb_ctl. */
#define CTL_MAC_POS 0
#define CTL_IFINDEX_POS 1
#define CTL_ARRAY_SIZE 4

/* Indexes into stats (LB_MAX_SVCS slots for per-VIP counters, then these). */
#define STATS_LRU (LB_MAX_SVCS + 0)
#define STATS_LRU_MISS (LB_MAX_SVCS + 1)
#define STATS_NEW_CONN (LB_MAX_SVCS + 2)
#define STATS_ICMP_TOOBIG (LB_MAX_SVCS + 3)
#define STATS_QUIC_ROUTED (LB_MAX_SVCS + 4)
#define STAT_STRIP (LB_MAX_SVCS + 5)
#define STATS_LRU_FALLBACK (LB_MAX_SVCS + 6)
#define LB_STAT_SLOTS (LB_MAX_SVCS + 8)

/* Only used by the health-check and decap programs. */
#define PROBE_MAX_SVCS 64
#define STRIP_MAX_SVCS 32

#define QUIC_LONG_HDR_BIT 0x80
#define QUIC_CID_MIN 8
#define QUIC_CONNID_VERSION 1

#endif
