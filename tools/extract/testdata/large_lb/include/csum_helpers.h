#ifndef LB_CSUM_HELPERS_H
#define LB_CSUM_HELPERS_H

#include <linux/ip.h>
#include "lb_helpers.h"

__lb_inline __u16 csum_fold16(__u64 csum)
{
	int i;

#pragma unroll
	for (i = 0; i < 4; i++) {
		if (csum >> 16)
			csum = (csum & 0xffff) + (csum >> 16);
	}
	return ~csum;
}

__lb_inline void csum_v4_fold(void *iph, __u64 *csum)
{
	__u16 *next_iph_u16 = (__u16 *)iph;
	int i;

#pragma unroll
	for (i = 0; i < (int)(sizeof(struct iphdr) >> 1); i++)
		*csum += *next_iph_u16++;
	*csum = csum_fold16(*csum);
}

/* Incremental L4 checksum update; the balancer does not rewrite L4. */
__lb_inline void l4_csum_replace_u32(__u16 *csum, __u32 old, __u32 new)
{
	__u64 sum = (__u16)~*csum + (__u64)(~old) + new;

	*csum = csum_fold16(sum);
}

#endif
