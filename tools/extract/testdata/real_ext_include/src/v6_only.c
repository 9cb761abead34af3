// SPDX-License-Identifier: GPL-2.0
/* Drops everything but IPv6. The Ethernet layout and the byte-order macro
 * come from a header in an include directory outside the repository
 * (-I../_extinc), whose byte order is chosen on the command line. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <netkit/proto.h>

#include "v6_only.h"

SEC("xdp")
int xdp_v6_only(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct netkit_eth *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	return is_v6(eth) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
