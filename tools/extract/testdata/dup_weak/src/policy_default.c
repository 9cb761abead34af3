// SPDX-License-Identifier: GPL-2.0
/* Default policy: pass everything. Weak, so a site file can replace it. */
#include "policy.h"

#define DEFAULT_POLICY_VERDICT XDP_PASS

__attribute__((weak, noinline)) int site_policy(struct xdp_md *ctx, __u32 *verdict)
{
	if (!verdict)
		return -1;
	*verdict = DEFAULT_POLICY_VERDICT;
	return 0;
}
