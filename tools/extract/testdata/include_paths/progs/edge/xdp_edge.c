// SPDX-License-Identifier: GPL-2.0
/* Edge filter: drops IPv4 packets about to expire. Headers are included
 * three ways: from the repository root (-I.), relative with "../", and
 * with a "./" prefix. */
#include "lib/net/parse.h"
#include "./lib/util/bounds.h"
#include "../../lib/util/ttl.h"

SEC("xdp")
int xdp_edge(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *iph = l3_ipv4(data, data_end);

	if (!iph)
		return XDP_PASS;
	return ttl_ok(iph) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
