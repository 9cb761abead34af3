/* Jenkins hash, written from the published algorithm (lookup3). */
#ifndef LB_JHASH_H
#define LB_JHASH_H

#include "lb_helpers.h"

#define JHASH_INITVAL 0xdeadbeef

__lb_inline __u32 rol32(__u32 word, unsigned int shift)
{
	return (word << shift) | (word >> ((-shift) & 31));
}

#define __jhash_mix(a, b, c)                   \
	{                                      \
		a -= c; a ^= rol32(c, 4); c += b;  \
		b -= a; b ^= rol32(a, 6); a += c;  \
		c -= b; c ^= rol32(b, 8); b += a;  \
		a -= c; a ^= rol32(c, 16); c += b; \
		b -= a; b ^= rol32(a, 19); a += c; \
		c -= b; c ^= rol32(b, 4); b += a;  \
	}

#define __jhash_final(a, b, c)       \
	{                            \
		c ^= b; c -= rol32(b, 14); \
		a ^= c; a -= rol32(c, 11); \
		b ^= a; b -= rol32(a, 25); \
		c ^= b; c -= rol32(b, 16); \
		a ^= c; a -= rol32(c, 4);  \
		b ^= a; b -= rol32(a, 14); \
		c ^= b; c -= rol32(b, 24); \
	}

__lb_inline __u32 __jhash_nwords(__u32 a, __u32 b, __u32 c, __u32 initval)
{
	a += initval;
	b += initval;
	c += initval;
	__jhash_final(a, b, c);
	return c;
}

__lb_inline __u32 jhash_2words(__u32 a, __u32 b, __u32 initval)
{
	return __jhash_nwords(a, b, 0, initval + JHASH_INITVAL + (2 << 2));
}

/* Hash of four words followed by a final word (IPv6 address + ports). */
__lb_inline __u32 jhash_5words(const __u32 *k, __u32 last, __u32 initval)
{
	__u32 a, b, c;

	a = b = c = JHASH_INITVAL + (5 << 2) + initval;
	a += k[0];
	b += k[1];
	c += k[2];
	__jhash_mix(a, b, c);
	a += k[3];
	b += last;
	__jhash_final(a, b, c);
	return c;
}

/* Single-word variant, used by the decap program only. */
__lb_inline __u32 jhash_1word(__u32 a, __u32 initval)
{
	return __jhash_nwords(a, 0, 0, initval + JHASH_INITVAL + (1 << 2));
}

#endif
