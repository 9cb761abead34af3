/* SPDX-License-Identifier: GPL-2.0 */
/* Removal of outer headers with bpf_xdp_adjust_head. */
#ifndef __PCKT_ENCAP_H
#define __PCKT_ENCAP_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Move the Ethernet header forward by strip_len bytes, set its protocol to
 * h_proto (network order) and shrink the packet head. Pointers into the
 * packet are invalid after this returns. */
__attribute__((__always_inline__)) static inline int
decap_outer(struct xdp_md *ctx, __u32 strip_len, __be16 h_proto)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *old_eth = data;
	struct ethhdr *new_eth = data + strip_len;

	if ((void *)(old_eth + 1) > data_end || (void *)(new_eth + 1) > data_end)
		return -1;
	__builtin_memcpy(new_eth->h_dest, old_eth->h_dest, ETH_ALEN);
	__builtin_memcpy(new_eth->h_source, old_eth->h_source, ETH_ALEN);
	new_eth->h_proto = h_proto;
	if (bpf_xdp_adjust_head(ctx, (int)strip_len))
		return -1;
	return 0;
}

static __always_inline int decap_v4_in_v4(struct xdp_md *ctx)
{
	return decap_outer(ctx, sizeof(struct iphdr), bpf_htons(ETH_P_IP));
}

static __always_inline int decap_v6_in_v4(struct xdp_md *ctx)
{
	return decap_outer(ctx, sizeof(struct iphdr), bpf_htons(ETH_P_IPV6));
}

#ifdef ENABLE_GUE
static __always_inline int decap_gue(struct xdp_md *ctx, __u8 inner_proto)
{
	__be16 h_proto = inner_proto == IPPROTO_IPV6 ? bpf_htons(ETH_P_IPV6) : bpf_htons(ETH_P_IP);

	return decap_outer(ctx, sizeof(struct iphdr) + sizeof(struct udphdr), h_proto);
}
#endif

/* Encapsulation is done by the load balancer, not here; this helper is left
 * from the shared header and has no caller in the decapsulator. */
static __always_inline int encap_v4_reserve(struct xdp_md *ctx)
{
	return bpf_xdp_adjust_head(ctx, 0 - (int)sizeof(struct iphdr));
}

#endif /* __PCKT_ENCAP_H */
