// SPDX-License-Identifier: GPL-2.0
/* Full score: length and first payload byte. */
#include "score.h"

static __always_inline __u32 full_mix(__u32 len, __u8 first)
{
	return (len / 16) + (first & 0x0f) * 8;
}

__attribute__((noinline)) int score_packet(struct xdp_md *ctx, __u32 *score)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u8 *first = data;

	if (!score)
		return -1;
	if ((void *)(first + 1) > data_end)
		return -1;
	*score = full_mix(data_end - data, *first);
	return 0;
}
