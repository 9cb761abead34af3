/* Word mixing in the style of Bob Jenkins's public-domain lookup3 hash. */
#ifndef LB_MIXHASH_H
#define LB_MIXHASH_H

#include "lb_helpers.h"

#define MIX_SEED 0xdeadbeef

__lb_inline __u32 rotl32(__u32 word, unsigned int shift)
{
	return (word << shift) | (word >> ((-shift) & 31));
}

#define __mix_round(a, b, c)                   \
	{                                      \
		a -= c; a ^= rotl32(c, 4); c += b;  \
		b -= a; b ^= rotl32(a, 6); a += c;  \
		c -= b; c ^= rotl32(b, 8); b += a;  \
		a -= c; a ^= rotl32(c, 16); c += b; \
		b -= a; b ^= rotl32(a, 19); a += c; \
		c -= b; c ^= rotl32(b, 4); b += a;  \
	}

#define __mix_final(a, b, c)       \
	{                            \
		c ^= b; c -= rotl32(b, 14); \
		a ^= c; a -= rotl32(c, 11); \
		b ^= a; b -= rotl32(a, 25); \
		c ^= b; c -= rotl32(b, 16); \
		a ^= c; a -= rotl32(c, 4);  \
		b ^= a; b -= rotl32(a, 14); \
		c ^= b; c -= rotl32(b, 24); \
	}

__lb_inline __u32 mix_words(__u32 a, __u32 b, __u32 c, __u32 initval)
{
	a += initval;
	b += initval;
	c += initval;
	__mix_final(a, b, c);
	return c;
}

__lb_inline __u32 mix2(__u32 a, __u32 b, __u32 initval)
{
	return mix_words(a, b, 0, initval + MIX_SEED + (2 << 2));
}

/* Hash of four words followed by a final word (IPv6 address + ports). */
__lb_inline __u32 mix5(const __u32 *k, __u32 last, __u32 initval)
{
	__u32 a, b, c;

	a = b = c = MIX_SEED + (5 << 2) + initval;
	a += k[0];
	b += k[1];
	c += k[2];
	__mix_round(a, b, c);
	a += k[3];
	b += last;
	__mix_final(a, b, c);
	return c;
}

/* Single-word variant, used by the decap program only. */
__lb_inline __u32 mix1(__u32 a, __u32 initval)
{
	return mix_words(a, 0, 0, initval + MIX_SEED + (1 << 2));
}

#endif
