// SPDX-License-Identifier: GPL-2.0
/* Entry: applies whichever site_policy the build links in. */
#include "policy.h"

SEC("xdp")
int xdp_policy(struct xdp_md *ctx)
{
	__u32 verdict = XDP_PASS;

	if (site_policy(ctx, &verdict) < 0)
		return XDP_ABORTED;
	return verdict;
}

char _license[] SEC("license") = "GPL";
