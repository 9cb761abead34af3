// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int other_mix(int x);

static __always_inline int mix(int x)
{
	return x + 1;
}

SEC("xdp")
int xdp_mix(struct xdp_md *ctx)
{
	int v = mix((int)ctx->rx_queue_index);

	return other_mix(v) > 1000 ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
