// SPDX-License-Identifier: GPL-2.0
/* Firewall whose program name, section attribute and parsers come from macros. */
#include "fw.h"

static __inline_always int policy_for(__u32 family)
{
	__u32 *v = fw_map_lookup(&fw_policy, &family);

	return v ? *v : FW_ALLOW;
}

int __section("xdp") FUNCNAME(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	int rc;

	if ((void *)(eth + 1) > data_end)
		return XDP_ABORTED;
	if (eth->h_proto == __builtin_bswap16(ETH_P_IP))
		rc = parse_ipv4(eth + 1, data_end);
	else if (eth->h_proto == __builtin_bswap16(ETH_P_IPV6))
		rc = parse_ipv6(eth + 1, data_end);
	else
		return XDP_PASS;
	if (rc < 0)
		return XDP_DROP;
	if (rc == FW_DENY || policy_for(eth->h_proto) == FW_DENY)
		return XDP_DROP;
	return XDP_PASS;
}

char __license[] __section("license") = "GPL";
