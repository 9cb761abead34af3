// SPDX-License-Identifier: GPL-2.0
/* Three small XDP programs in one file; the entry is named by a line inside
 * the body of the second one (xdp_vlan_filter). */
#include "helpers.h"

int SEC("xdp") xdp_count_all(struct xdp_md *ctx)
{
	mark_seen(0);
	return XDP_PASS;
}

int SEC("xdp") xdp_vlan_filter(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	if (is_vlan(eth->h_proto)) {
		mark_seen(1);
		return XDP_DROP;
	}
	return XDP_PASS;
}

int SEC("xdp") xdp_mac_guard(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	mark_seen(2);
	return mac_allowed(eth) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
