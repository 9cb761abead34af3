// SPDX-License-Identifier: GPL-2.0
/* Drops runt and jumbo frames. Built with -nostdinc -Iinclude: __lenclass_len and the
 * fixed-width types come from the project's <asm-generic/types.h>, which only the host's
 * <asm/types.h> includes. */
#include <linux/bpf.h>

#define LENCLASS_MIN 60
#define LENCLASS_MAX 1514

static __attribute__((noinline)) int lenclass_ok(__lenclass_len len)
{
	return len >= LENCLASS_MIN && len <= LENCLASS_MAX;
}

SEC("xdp")
int xdp_lenclass(struct xdp_md *ctx)
{
	__lenclass_len len = ctx->data_end - ctx->data;

	return lenclass_ok(len) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
