/* SPDX-License-Identifier: GPL-2.0 */
/* Checksum helpers from the first healthcheck implementation. They predate
 * csum_helpers.h and fold in place on a 32-bit accumulator. Do not include
 * both headers in one translation unit. */
#ifndef __LEGACY_CSUM_H
#define __LEGACY_CSUM_H

#include <linux/types.h>

static inline void csum_fold_helper(__u32 *csum)
{
	*csum = (*csum & 0xffff) + (*csum >> 16);
	*csum = (*csum & 0xffff) + (*csum >> 16);
	*csum = ~*csum & 0xffff;
}

static inline void legacy_ipv4_csum(void *iph, __u32 *csum)
{
	__u16 *next = (__u16 *)iph;
	int i;

#pragma clang loop unroll(full)
	for (i = 0; i < 10; i++)
		*csum += *next++;
	csum_fold_helper(csum);
}

#endif /* __LEGACY_CSUM_H */
