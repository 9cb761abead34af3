// SPDX-License-Identifier: GPL-2.0
/* A missing semicolon on line 13. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_broken(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;

	if (data + 14 > data_end)
		return XDP_DROP
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
