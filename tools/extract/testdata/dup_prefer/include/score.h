#ifndef SCORE_H
#define SCORE_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define SCORE_DROP_THRESHOLD 100

/* Two implementations exist (src/score_fast.c, src/score_full.c); the build
 * links exactly one of them, chosen by the Makefile. */
int score_packet(struct xdp_md *ctx, __u32 *score);

#endif
