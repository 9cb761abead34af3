// SPDX-License-Identifier: GPL-2.0
/* Root XDP program: runs the programs installed in chain_progs in order. */
#include "chain.h"

SEC("xdp")
int chain_root(struct xdp_md *ctx)
{
	__u32 i;

#pragma unroll
	for (i = 0; i < CHAIN_SLOTS; i++)
		bpf_tail_call(ctx, &chain_progs, i);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
