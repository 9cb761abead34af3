// SPDX-License-Identifier: GPL-2.0
/* Steers frames of the local experimental ethertype (optionally behind one
 * VLAN tag) to the stack and drops other non-IP traffic. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

static __always_inline __u16 inner_proto(struct ethhdr *eth, void *data_end)
{
	struct vlan_hdr *vh = (void *)(eth + 1);

	if (eth->h_proto != bpf_htons(ETH_P_8021Q))
		return eth->h_proto;
	if ((void *)(vh + 1) > data_end)
		return 0;
	return vh->h_vlan_encapsulated_proto;
}

SEC("xdp")
int xdp_local_exp(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	__u16 proto;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	proto = inner_proto(eth, data_end);
	if (proto == bpf_htons(ETH_P_LOCAL_EXP) || proto == bpf_htons(ETH_P_IP) ||
	    proto == bpf_htons(ETH_P_IPV6) || proto == bpf_htons(ETH_P_ARP))
		return XDP_PASS;
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
