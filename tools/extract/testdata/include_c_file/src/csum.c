// SPDX-License-Identifier: GPL-2.0
/* Checksum helpers. Not a translation unit of its own in the build: the
 * program file #includes it (it still compiles alone). */
#include "echo.h"

static inline __attribute__((always_inline)) __u16 csum_fold(__u32 sum)
{
	int i;

#pragma unroll
	for (i = 0; i < 2; i++)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

__attribute__((always_inline)) static inline __u16 csum_replace2(__u16 check, __u16 old, __u16 new)
{
	__u32 sum = (__u16)~check + (__u16)~old + new;

	return csum_fold(sum);
}

static __u32 __attribute__((always_inline)) csum_add_unused(__u32 a, __u32 b)
{
	return a + b + (a + b < a);
}
