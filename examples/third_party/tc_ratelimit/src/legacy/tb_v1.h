/* SPDX-License-Identifier: GPL-2.0 */
/* First limiter generation: whole-token buckets refilled once per second.
 * Superseded by include/token_bucket.h; the names clash on purpose of
 * history, so never include both. */
#ifndef __TB_V1_H
#define __TB_V1_H

#include "bpf_api.h"

struct rl_bucket_v1 {
	__u32 tokens;
	__u32 pad;
	__u64 window_start_ns;
};

static __inline int tb_refill(struct rl_bucket_v1 *b, __u32 rate_pps, __u64 now)
{
	if (now - b->window_start_ns < 1000000000ULL)
		return 0;
	b->tokens = rate_pps;
	b->window_start_ns = now;
	return 1;
}

#endif /* __TB_V1_H */
