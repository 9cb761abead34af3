// SPDX-License-Identifier: GPL-2.0
/* Compiles, but the verifier rejects it: the packet is read at an offset
 * taken from the packet itself, with no check against data_end. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>

static __always_inline __u8 peek(void *data, __u32 off)
{
	return *(__u8 *)(data + off);
}

SEC("xdp")
int xdp_unchecked(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	/* Offset from packet contents: unbounded, never checked. */
	return peek(data, eth->h_source[0] * 64) == 0xff ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
