// SPDX-License-Identifier: GPL-2.0
/* Root XDP program: runs the programs installed in root_array in order. */
#include "root.h"

SEC("xdp")
int xdp_root(struct xdp_md *ctx)
{
	__u32 i;

#pragma unroll
	for (i = 0; i < ROOT_ARRAY_SIZE; i++)
		bpf_tail_call(ctx, &root_array, i);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
