// SPDX-License-Identifier: GPL-2.0
/* Full score: length and first payload byte. */
#include "score.h"

__attribute__((noinline)) int score_packet(struct xdp_md *ctx, __u32 *score)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u8 *first = data;
	__u32 len = data_end - data;

	if (!score)
		return -1;
	if ((void *)(first + 1) > data_end)
		return -1;
	*score = (len / 16) + (*first & 0x0f) * 8;
	return 0;
}
