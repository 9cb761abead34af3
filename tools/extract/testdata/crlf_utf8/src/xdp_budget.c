// SPDX-License-Identifier: GPL-2.0
/* Per-source packet budget. Auteur : Zoë Müller-Þórsdóttir — “budget” ≠ quota.
 * CRLF line endings, like the header. */
#include "budget.h"

static __always_inline int spend(__u32 saddr)
{
	struct budget fresh = { .tokens = BURST_PKTS - 1 };
	struct budget *b = bpf_map_lookup_elem(&budgets, &saddr);

	if (!b) {
		fresh.refill_ns = bpf_ktime_get_ns();
		bpf_map_update_elem(&budgets, &saddr, &fresh, BPF_ANY);
		return 1;
	}
	if (!refill(b, bpf_ktime_get_ns()))
		return 0; /* épuisé */
	b->tokens--;
	return 1;
}

SEC("xdp")
int xdp_budget(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(iph + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	/* « spend » returns 0 when the budget is gone → drop. */
	return spend(iph->saddr) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
