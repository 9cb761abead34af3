// SPDX-License-Identifier: GPL-2.0
/* The entry names a helper, not a program: it has no section, so there is
 * no hook to load it at. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

static __always_inline int is_ipv4(struct ethhdr *eth)
{
	return eth->h_proto == bpf_htons(ETH_P_IP);
}

SEC("xdp")
int xdp_ipv4_only(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	return is_ipv4(eth) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
