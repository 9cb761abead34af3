/* SPDX-License-Identifier: GPL-2.0 */
/* Internet checksum helpers used by the XDP decapsulator. */
#ifndef __CSUM_HELPERS_H
#define __CSUM_HELPERS_H

#include <linux/types.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

/* Fold a 64-bit one's complement accumulator into 16 bits and invert it. */
static __always_inline __u16 csum_fold_helper(__u64 csum)
{
	int i;
#pragma unroll
	for (i = 0; i < 4; i++) {
		if (csum >> 16)
			csum = (csum & 0xffff) + (csum >> 16);
	}
	return ~csum;
}

/* Returns 0 when the header checksum of iph (no options) is valid.
 * The caller has checked that iph + 1 <= data_end. */
static __always_inline __u16 ipv4_hdr_csum_check(struct iphdr *iph)
{
	__u16 *word = (__u16 *)iph;
	__u64 csum = 0;
	int i;

#pragma unroll
	for (i = 0; i < (int)(sizeof(*iph) >> 1); i++)
		csum += *word++;
	return csum_fold_helper(csum);
}

/* Recompute the header checksum in place. Unused by the decap path, which
 * never modifies an inner header. */
static __always_inline void ipv4_csum_rewrite(struct iphdr *iph)
{
	__u16 *word = (__u16 *)iph;
	__u64 csum = 0;
	int i;

	iph->check = 0;
#pragma unroll
	for (i = 0; i < (int)(sizeof(*iph) >> 1); i++)
		csum += *word++;
	iph->check = csum_fold_helper(csum);
}

/* Incremental update (RFC 1624) of a checksum for a changed 32-bit word. */
static __always_inline __u16 csum_replace4_helper(__u16 check, __be32 from, __be32 to)
{
	__u64 csum = (__u16)~check;

	csum += (__u16)~(from >> 16) + (__u16)~(from & 0xffff);
	csum += (to >> 16) + (to & 0xffff);
	return csum_fold_helper(csum);
}

#endif /* __CSUM_HELPERS_H */
