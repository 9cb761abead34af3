// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "classify.h"
#include "main_priv.h"

static struct state progress;

SEC("xdp")
int xdp_two(struct xdp_md *ctx)
{
	_Static_assert(LIMIT == 10, "xdp_two.c's LIMIT");
	progress.seen++;
	if (progress.seen > LIMIT)
		return XDP_PASS;
	return classify(ctx) ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
