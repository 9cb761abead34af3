/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __RL_TYPES_H
#define __RL_TYPES_H

#include <linux/types.h>

#define NSEC_PER_SEC 1000000000ULL

/* Limits keep tokens * NSEC_PER_SEC inside 64 bits. */
#define RL_MAX_RATE_PPS 1000000ULL
#define RL_MAX_BURST 10000ULL

#define RL_BUCKETS_MAX 65536
#define RL_EXEMPT_MAX 256

#define RL_F_ENABLED (1U << 0)
#define RL_F_DRY_RUN (1U << 1) /* count drops but let packets through */

/* rl_config[0], written by the control plane (pinned in tc's global
 * namespace so every interface shares it). */
struct rl_config {
	__u64 rate_pps;
	__u64 burst;
	__u32 flags;
	__u32 pad;
};

/* Per source address bucket. Tokens are kept in nano-packets so that
 * refilling needs no division. */
struct rl_bucket {
	__u64 tokens;
	__u64 last_ns;
};

enum rl_stat_idx {
	RL_STAT_PASS = 0,
	RL_STAT_DROP,
	RL_STAT_DRY_RUN_DROP,
	RL_STAT_NON_IPV4,
	__RL_STAT_MAX,
};

#endif /* __RL_TYPES_H */
