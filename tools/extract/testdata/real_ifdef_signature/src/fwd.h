#ifndef FWD_H
#define FWD_H

/* Debug builds keep the helpers out of line (readable verifier logs);
 * normal builds inline them. The conditional wraps the start of each
 * definition. */
#ifdef FWD_OUT_OF_LINE
static __attribute__((noinline)) int
#else
static __always_inline int
#endif
fwd_ttl_ok(struct iphdr *iph)
{
	return iph->ttl > 1;
}

#ifdef FWD_OUT_OF_LINE
static __attribute__((noinline))
#else
static __always_inline
#endif
int fwd_decrement(struct iphdr *iph)
{
	__u32 check = iph->check;

	check += bpf_htons(0x0100);
	iph->check = (__u16)(check + (check >= 0xFFFF));
	return --iph->ttl;
}

#endif
