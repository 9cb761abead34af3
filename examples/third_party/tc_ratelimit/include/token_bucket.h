/* SPDX-License-Identifier: GPL-2.0 */
/* Token bucket arithmetic on struct rl_bucket. Updates are not atomic; two
 * CPUs racing on one bucket can let an extra packet through, which is
 * acceptable for this limiter. */
#ifndef __TOKEN_BUCKET_H
#define __TOKEN_BUCKET_H

#include "bpf_api.h"
#include "rl_types.h"

static __inline __u64 tb_capacity(const struct rl_config *cfg)
{
	__u64 burst = cfg->burst > RL_MAX_BURST ? RL_MAX_BURST : cfg->burst;

	return burst * NSEC_PER_SEC;
}

static __inline void tb_refill(struct rl_bucket *b, const struct rl_config *cfg, __u64 now)
{
	__u64 cap = tb_capacity(cfg);
	__u64 rate = cfg->rate_pps > RL_MAX_RATE_PPS ? RL_MAX_RATE_PPS : cfg->rate_pps;
	__u64 elapsed = now > b->last_ns ? now - b->last_ns : 0;

	/* Past cap nanoseconds the bucket is full for any rate >= 1. */
	if (elapsed > cap)
		elapsed = cap;
	b->tokens += elapsed * rate;
	if (b->tokens > cap)
		b->tokens = cap;
	b->last_ns = now;
}

/* Takes one packet's worth of tokens; returns 1 if there was enough. */
static __inline int tb_consume(struct rl_bucket *b)
{
	if (b->tokens < NSEC_PER_SEC)
		return 0;
	b->tokens -= NSEC_PER_SEC;
	return 1;
}

static __inline void tb_init(struct rl_bucket *b, const struct rl_config *cfg, __u64 now)
{
	b->tokens = tb_capacity(cfg);
	b->last_ns = now;
}

/* Time until the next token, for a future EDT-based shaper. Unused. */
static __inline __u64 tb_next_token_ns(const struct rl_bucket *b, const struct rl_config *cfg)
{
	if (b->tokens >= NSEC_PER_SEC || !cfg->rate_pps)
		return 0;
	return (NSEC_PER_SEC - b->tokens) / cfg->rate_pps;
}

#endif /* __TOKEN_BUCKET_H */
