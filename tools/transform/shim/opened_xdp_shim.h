/* opened_xdp_shim.h: tc (SchedCLS) semantics for a program ported to XDP by opened transform.
 *
 * Each opened_xdp_* function keeps the contract of the skb helper or __sk_buff field it stands
 * for, on the frame XDP sees. Self-contained (its own helper declarations), so it does not
 * clash with a project's bpf_helpers.h or iproute2 bpf_api.h.
 */
#ifndef OPENED_XDP_SHIM_H
#define OPENED_XDP_SHIM_H

/* opened transform defines OPENED_SHIM_HAVE_UAPI when mcu.c holds its own copy of the UAPI
 * definitions (a vendored bpf.h, vmlinux.h): including the system headers would redefine them. */
#ifndef OPENED_SHIM_HAVE_UAPI
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#endif
#ifndef TC_ACT_OK
#define TC_ACT_UNSPEC (-1)
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2
#define TC_ACT_STOLEN 4
#define TC_ACT_REDIRECT 7
#define TC_ACT_TRAP 8
#endif

/* UAPI values (include/uapi/linux/bpf.h), spelled here so that the shim does not depend on
 * which of them a unit's own UAPI copy has. Helper IDs are given as bpf_helper_defs.h does. */
#define OPENED_ADJ_ROOM_MAC 1 /* BPF_ADJ_ROOM_MAC */
#define OPENED_F_RECOMPUTE_CSUM 0x01ULL
#define OPENED_F_INVALIDATE_HASH 0x02ULL
#define OPENED_F_HDR_FIELD_MASK 0x0fULL
#define OPENED_F_PSEUDO_HDR 0x10ULL
#define OPENED_F_MARK_MANGLED_0 0x20ULL
#define OPENED_F_MARK_ENFORCE 0x40ULL
#define OPENED_INLINE static inline __attribute__((always_inline))
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define OPENED_BE16(x) ((__u16)__builtin_bswap16((__u16)(x)))
#else
#define OPENED_BE16(x) ((__u16)(x))
#endif
#define OPENED_EFAULT 14
#define OPENED_ENOMEM 12
#define OPENED_EINVAL 22

static long (*opened_xdp_load_bytes)(struct xdp_md *ctx, __u32 off, void *buf, __u32 len) = (void *)189; /* BPF_FUNC_xdp_load_bytes */
static long (*opened_xdp_store_bytes)(struct xdp_md *ctx, __u32 off, void *buf, __u32 len) = (void *)190; /* BPF_FUNC_xdp_store_bytes */
static __u64 (*opened_xdp_get_buff_len)(struct xdp_md *ctx) = (void *)188; /* BPF_FUNC_xdp_get_buff_len */
static long (*opened_xdp_redirect_helper)(__u32 ifindex, __u64 flags) = (void *)23; /* BPF_FUNC_redirect */

/* bpf_skb_load_bytes: -EFAULT for a range outside the packet. */
OPENED_INLINE long opened_xdp_skb_load_bytes(struct xdp_md *ctx, __u32 off, void *to, __u32 len)
{
	return opened_xdp_load_bytes(ctx, off, to, len) < 0 ? -OPENED_EFAULT : 0;
}

/* bpf_skb_store_bytes: the flags only touch skb metadata (checksum state, hash). */
OPENED_INLINE long opened_xdp_skb_store_bytes(struct xdp_md *ctx, __u32 off, const void *from, __u32 len, __u64 flags)
{
	if (flags & ~(__u64)(OPENED_F_RECOMPUTE_CSUM | OPENED_F_INVALIDATE_HASH))
		return -OPENED_EINVAL;
	return opened_xdp_store_bytes(ctx, off, (void *)from, len) < 0 ? -OPENED_EFAULT : 0;
}

/* bpf_skb_pull_data: an XDP frame is linear already. */
OPENED_INLINE long opened_xdp_skb_pull_data(struct xdp_md *ctx, __u32 len)
{
	return len > opened_xdp_get_buff_len(ctx) ? -OPENED_ENOMEM : 0;
}

/* skb->len: the whole frame, Ethernet header included (as tc sees it). */
OPENED_INLINE __u32 opened_xdp_skb_len(struct xdp_md *ctx)
{
	return (__u32)opened_xdp_get_buff_len(ctx);
}

/* skb->protocol: what eth_type_trans sets from the frame. */
OPENED_INLINE __u32 opened_xdp_skb_protocol(struct xdp_md *ctx)
{
	__u16 proto, llc;

	if (opened_xdp_load_bytes(ctx, 12, &proto, sizeof(proto)) < 0)
		return 0;
	if (OPENED_BE16(proto) >= 0x0600)
		return proto;
	if (opened_xdp_load_bytes(ctx, 14, &llc, sizeof(llc)) == 0 && llc == 0xFFFF)
		return OPENED_BE16(0x0001); /* ETH_P_802_3 */
	return OPENED_BE16(0x0004);         /* ETH_P_802_2 */
}

/* bpf_redirect as tc sees it: TC_ACT_REDIRECT when accepted; XDP cannot redirect into a
 * device's ingress (BPF_F_INGRESS), so that asks for a drop. */
OPENED_INLINE long opened_xdp_redirect(__u32 ifindex, __u64 flags)
{
	if (flags)
		return TC_ACT_SHOT;
	opened_xdp_redirect_helper(ifindex, 0);
	return TC_ACT_REDIRECT;
}

/* Internet checksum arithmetic as the kernel's generic C does it (include/net/checksum.h). */
OPENED_INLINE __u32 opened_csum_add(__u32 a, __u32 b)
{
	a += b;
	return a + (a < b);
}

OPENED_INLINE __u16 opened_csum_fold(__u32 s)
{
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (__u16)~s;
}

OPENED_INLINE __u16 opened_csum16_add(__u16 csum, __u16 addend)
{
	__u16 res = csum + addend;

	return res + (res < addend);
}

/* l3 is bpf_l3_csum_replace, whose 2-byte case is csum_replace2's 16-bit arithmetic; the
 * other cases are the 32-bit csum_replace4/csum_replace_by_diff. */
OPENED_INLINE int opened_csum_apply(struct xdp_md *ctx, __u32 off, __u64 from, __u64 to, __u64 size, int mmzero, int l3)
{
	__u16 sum;

	if (off > 0xffff || (off & 1))
		return -OPENED_EFAULT;
	if (opened_xdp_load_bytes(ctx, off, &sum, sizeof(sum)) < 0)
		return -OPENED_EFAULT;
	if (mmzero && !sum)
		return 0;
	switch (size) {
	case 0:
		if (from)
			return -OPENED_EINVAL;
		sum = opened_csum_fold(opened_csum_add((__u32)to, ~(__u32)sum));
		break;
	case 2:
		if (l3) {
			sum = (__u16)~opened_csum16_add(opened_csum16_add((__u16)~sum, (__u16)~(__u16)from), (__u16)to);
			break;
		}
		/* fall through */
	case 4:
		sum = opened_csum_fold(opened_csum_add(opened_csum_add(~(__u32)sum, ~(__u32)from), (__u32)to));
		break;
	default:
		return -OPENED_EINVAL;
	}
	if (mmzero && !sum)
		sum = 0xffff; /* CSUM_MANGLED_0 */
	return opened_xdp_store_bytes(ctx, off, &sum, sizeof(sum)) < 0 ? -OPENED_EFAULT : 0;
}

/* bpf_l3_csum_replace: incremental update of the checksum at off. */
OPENED_INLINE long opened_xdp_l3_csum_replace(struct xdp_md *ctx, __u32 off, __u64 from, __u64 to, __u64 flags)
{
	if (flags & ~(__u64)OPENED_F_HDR_FIELD_MASK)
		return -OPENED_EINVAL;
	return opened_csum_apply(ctx, off, from, to, flags & OPENED_F_HDR_FIELD_MASK, 0, 1);
}

/* bpf_l4_csum_replace: as tc on a packet without checksum offload (CHECKSUM_NONE), where the
 * pseudo-header flag changes nothing but the skb's offload state. */
OPENED_INLINE long opened_xdp_l4_csum_replace(struct xdp_md *ctx, __u32 off, __u64 from, __u64 to, __u64 flags)
{
	if (flags & ~(__u64)(OPENED_F_MARK_MANGLED_0 | OPENED_F_MARK_ENFORCE | OPENED_F_PSEUDO_HDR | OPENED_F_HDR_FIELD_MASK))
		return -OPENED_EINVAL;
	return opened_csum_apply(ctx, off, from, to, flags & OPENED_F_HDR_FIELD_MASK,
				 (flags & OPENED_F_MARK_MANGLED_0) && !(flags & OPENED_F_MARK_ENFORCE), 0);
}

#endif /* OPENED_XDP_SHIM_H */
