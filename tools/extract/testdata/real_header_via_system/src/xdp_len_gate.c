// SPDX-License-Identifier: GPL-2.0
/* Passes frames whose length lies in a window and drops the rest. Built with -nostdinc:
 * <linux/bpf.h> and <linux/types.h> are the project's; <asm/types.h> is the host's, and
 * the __u16/__u32 it provides come from the project's <asm-generic/types.h>, which only
 * that host header includes. */
#include <linux/bpf.h>

#define GATE_MIN_LEN 60
#define GATE_MAX_LEN 1514

static __attribute__((noinline)) int in_window(__u32 len)
{
	__u16 min = GATE_MIN_LEN;

	return len >= min && len <= GATE_MAX_LEN;
}

SEC("xdp")
int xdp_len_gate(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;

	return in_window(len) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
