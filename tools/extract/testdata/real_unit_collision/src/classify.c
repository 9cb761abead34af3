// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "classify.h"
#include "classify_priv.h"

static struct state totals;

__attribute__((noinline)) int classify(struct xdp_md *ctx)
{
	_Static_assert(LIMIT == 1500, "classify.c's LIMIT");
	if (!ctx)
		return 0;
	totals.bytes += ctx->data_end - ctx->data;
	totals.flags |= 1;
	return totals.bytes > LIMIT;
}
