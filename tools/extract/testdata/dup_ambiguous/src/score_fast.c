// SPDX-License-Identifier: GPL-2.0
/* Cheap score: packet length only. */
#include "score.h"

__attribute__((noinline)) int score_packet(struct xdp_md *ctx, __u32 *score)
{
	__u32 len = ctx->data_end - ctx->data;

	if (!score)
		return -1;
	*score = len > 1400 ? SCORE_DROP_THRESHOLD : len / 16;
	return 0;
}
