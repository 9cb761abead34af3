// SPDX-License-Identifier: GPL-2.0
/* Drops IPv4 packets whose TTL is above the configured maximum and, when
 * configured, fragments. Neither bool nor the CFG_* settings are included
 * here: the build forces <stdbool.h> and config/build_config.h into the
 * unit with -include. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

static __always_inline bool too_far(const struct iphdr *iph)
{
	if (CFG_DROP_FRAGMENTS && (iph->frag_off & bpf_htons(0x3fff)))
		return true;
	return iph->ttl > CFG_MAX_TTL;
}

SEC("xdp")
int xdp_ttl_guard(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	return too_far(iph) ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
