/* opened_tc_shim.h: XDP semantics for a program ported to tc (SchedCLS) by opened transform.
 *
 * Each opened_tc_* function keeps the contract of the XDP helper it stands for: the packet
 * bytes that come out are the bytes XDP would give, and skb->protocol follows an IPv4 <-> IPv6
 * change of the frame's ethertype. The file is self-contained (its own helper declarations),
 * so it does not clash with a project's bpf_helpers.h or iproute2 bpf_api.h.
 */
#ifndef OPENED_TC_SHIM_H
#define OPENED_TC_SHIM_H

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
#define OPENED_ETH_HLEN 14
#define OPENED_ETH_P_IP 0x0800
#define OPENED_ETH_P_IPV6 0x86DD
#define OPENED_IP6_IP4_DIFF 20 /* sizeof(struct ipv6hdr) - sizeof(struct iphdr) */
#define OPENED_EINVAL 22
/* XDP_PACKET_HEADROOM: how far bpf_xdp_adjust_head may grow the front. */
#define OPENED_XDP_HEADROOM 256
/* Largest frame the byte-moving shrink handles (chunks of OPENED_MOVE_CHUNK). */
#define OPENED_MOVE_CHUNK 32
#define OPENED_MOVE_CHUNKS 64

static long (*opened_skb_load_bytes)(const struct __sk_buff *skb, __u32 off, void *to, __u32 len) = (void *)26; /* BPF_FUNC_skb_load_bytes */
static long (*opened_skb_store_bytes)(struct __sk_buff *skb, __u32 off, const void *from, __u32 len, __u64 flags) = (void *)9; /* BPF_FUNC_skb_store_bytes */
static long (*opened_skb_adjust_room)(struct __sk_buff *skb, __s32 len_diff, __u32 mode, __u64 flags) = (void *)50; /* BPF_FUNC_skb_adjust_room */
static long (*opened_skb_change_head)(struct __sk_buff *skb, __u32 len, __u64 flags) = (void *)43; /* BPF_FUNC_skb_change_head */
static long (*opened_skb_change_tail)(struct __sk_buff *skb, __u32 len, __u64 flags) = (void *)38; /* BPF_FUNC_skb_change_tail */
static long (*opened_skb_change_proto)(struct __sk_buff *skb, __be16 proto, __u64 flags) = (void *)31; /* BPF_FUNC_skb_change_proto */
static long (*opened_skb_pull_data)(struct __sk_buff *skb, __u32 len) = (void *)39; /* BPF_FUNC_skb_pull_data */
static long (*opened_redirect)(__u32 ifindex, __u64 flags) = (void *)23; /* BPF_FUNC_redirect */

/* bpf_xdp_adjust_head: delta < 0 adds -delta bytes at the very front (bpf_skb_change_head
 * adds zeroed bytes in front of the MAC header, as XDP's test headroom is zeroed); delta > 0
 * drops delta bytes at the very front. XDP refuses to grow past its headroom and to leave
 * fewer than ETH_HLEN bytes; so does the shim. */
OPENED_INLINE long opened_tc_xdp_adjust_head(struct __sk_buff *skb, int delta)
{
	__u32 len = skb->len;
	__u8 l2[OPENED_ETH_HLEN];
	__u8 buf[OPENED_MOVE_CHUNK];
	__u32 n, off, i;

	if (delta < 0) {
		if (delta < -OPENED_XDP_HEADROOM)
			return -OPENED_EINVAL;
		return opened_skb_change_head(skb, (__u32)-delta, 0);
	}
	if (delta == 0)
		return 0;
	if ((__u32)delta > 0xfff || (__u32)delta + OPENED_ETH_HLEN > len)
		return -OPENED_EINVAL;
	/* Fast path (IPv4/IPv6 frames): remove delta bytes after the MAC header, then write the
	 * bytes that follow the removed ones in XDP's result as the new first ETH_HLEN bytes. */
	if (opened_skb_load_bytes(skb, (__u32)delta, l2, OPENED_ETH_HLEN) < 0)
		return -OPENED_EINVAL;
	if (opened_skb_adjust_room(skb, -delta, OPENED_ADJ_ROOM_MAC, 0) == 0)
		return opened_skb_store_bytes(skb, 0, l2, OPENED_ETH_HLEN, 0) < 0 ? -OPENED_EINVAL : 0;
	/* Any other frame (VLAN, non-IP): move the bytes forward, then trim the tail. */
	n = len - (__u32)delta;
	if (n > OPENED_MOVE_CHUNK * OPENED_MOVE_CHUNKS)
		return -OPENED_EINVAL;
	for (i = 0; i < OPENED_MOVE_CHUNKS; i++) {
		off = i * OPENED_MOVE_CHUNK;
		if (off + OPENED_MOVE_CHUNK > n)
			break;
		if (opened_skb_load_bytes(skb, off + (__u32)delta, buf, OPENED_MOVE_CHUNK) < 0 ||
		    opened_skb_store_bytes(skb, off, buf, OPENED_MOVE_CHUNK, 0) < 0)
			return -OPENED_EINVAL;
	}
	off = (n / OPENED_MOVE_CHUNK) * OPENED_MOVE_CHUNK;
	i = n - off;
	if (i > 0 && i < OPENED_MOVE_CHUNK) {
		if (opened_skb_load_bytes(skb, off + (__u32)delta, buf, i) < 0 ||
		    opened_skb_store_bytes(skb, off, buf, i, 0) < 0)
			return -OPENED_EINVAL;
	}
	return opened_skb_change_tail(skb, n, 0) < 0 ? -OPENED_EINVAL : 0;
}

/* bpf_xdp_adjust_tail: grow (zeroed bytes) or trim at the end; XDP keeps at least ETH_HLEN. */
OPENED_INLINE long opened_tc_xdp_adjust_tail(struct __sk_buff *skb, int delta)
{
	__s64 n = (__s64)skb->len + delta;

	if (n < OPENED_ETH_HLEN)
		return -OPENED_EINVAL;
	return opened_skb_change_tail(skb, (__u32)n, 0) < 0 ? -OPENED_EINVAL : 0;
}

/* bpf_xdp_load_bytes / bpf_xdp_store_bytes: XDP answers -EINVAL for a range outside the frame. */
OPENED_INLINE long opened_tc_xdp_load_bytes(struct __sk_buff *skb, __u32 off, void *to, __u32 len)
{
	return opened_skb_load_bytes(skb, off, to, len) < 0 ? -OPENED_EINVAL : 0;
}

OPENED_INLINE long opened_tc_xdp_store_bytes(struct __sk_buff *skb, __u32 off, void *from, __u32 len)
{
	return opened_skb_store_bytes(skb, off, from, len, 0) < 0 ? -OPENED_EINVAL : 0;
}

/* bpf_xdp_get_buff_len: the whole frame. */
OPENED_INLINE __u64 opened_tc_xdp_get_buff_len(struct __sk_buff *skb)
{
	return skb->len;
}

/* bpf_redirect as XDP sees it: XDP_REDIRECT when accepted, XDP_ABORTED for flags XDP refuses. */
OPENED_INLINE long opened_tc_redirect(__u32 ifindex, __u64 flags)
{
	if (flags)
		return XDP_ABORTED;
	opened_redirect(ifindex, 0);
	return XDP_REDIRECT;
}

/* After the program: skb->protocol follows the frame's ethertype when it changed between IPv4
 * and IPv6 (a decapsulation or encapsulation that changed the inner protocol). The bytes are
 * kept: bpf_skb_change_proto resizes the network header, bpf_skb_adjust_room undoes that. */
OPENED_INLINE void opened_tc_sync_proto(struct __sk_buff *skb)
{
	__u16 proto;
	__u8 save[OPENED_IP6_IP4_DIFF];

	if (opened_skb_load_bytes(skb, 12, &proto, sizeof(proto)) < 0 || proto == skb->protocol)
		return;
	/* When the second step is refused (a frame too short for the new protocol's header), the
	 * first is undone: the bytes stay exact and skb->protocol keeps its old value. */
	if (skb->protocol == OPENED_BE16(OPENED_ETH_P_IP) && proto == OPENED_BE16(OPENED_ETH_P_IPV6)) {
		if (opened_skb_change_proto(skb, proto, 0) != 0)
			return;
		if (opened_skb_adjust_room(skb, -OPENED_IP6_IP4_DIFF, OPENED_ADJ_ROOM_MAC, 0) != 0)
			opened_skb_change_proto(skb, OPENED_BE16(OPENED_ETH_P_IP), 0);
	} else if (skb->protocol == OPENED_BE16(OPENED_ETH_P_IPV6) && proto == OPENED_BE16(OPENED_ETH_P_IP)) {
		if (opened_skb_load_bytes(skb, OPENED_ETH_HLEN, save, sizeof(save)) < 0)
			return;
		if (opened_skb_change_proto(skb, proto, 0) != 0)
			return;
		if (opened_skb_adjust_room(skb, OPENED_IP6_IP4_DIFF, OPENED_ADJ_ROOM_MAC, 0) != 0)
			opened_skb_change_proto(skb, OPENED_BE16(OPENED_ETH_P_IPV6), 0);
		opened_skb_store_bytes(skb, OPENED_ETH_HLEN, save, sizeof(save), 0);
	}
}

/* Before the program: XDP sees the whole frame in one buffer; make the skb linear. */
OPENED_INLINE void opened_tc_prologue(struct __sk_buff *skb)
{
	opened_skb_pull_data(skb, 0);
}

#endif /* OPENED_TC_SHIM_H */
