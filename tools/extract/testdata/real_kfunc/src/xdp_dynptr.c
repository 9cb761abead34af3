// SPDX-License-Identifier: GPL-2.0
/* Reads the Ethernet header through a dynptr slice instead of direct
 * packet access. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "kfuncs.h"

static __always_inline int eth_proto(struct xdp_md *ctx, __u16 *proto)
{
	struct bpf_dynptr ptr;
	struct ethhdr buf, *eth;

	if (bpf_dynptr_from_xdp(ctx, 0, &ptr))
		return -1;
	eth = bpf_dynptr_slice(&ptr, 0, &buf, sizeof(buf));
	if (!eth)
		return -1;
	*proto = eth->h_proto;
	return 0;
}

SEC("xdp")
int xdp_dynptr_v4(struct xdp_md *ctx)
{
	__u16 proto;

	if (eth_proto(ctx, &proto))
		return XDP_DROP;
	return proto == bpf_htons(ETH_P_IP) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
