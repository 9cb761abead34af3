// SPDX-License-Identifier: GPL-2.0
/* tcx ingress/egress accounting per L3 protocol. */
#include "stats.h"

static __u32 proto_slot(__u16 proto);
static void account(void *map, struct __sk_buff *skb);

SEC("tcx/ingress")
int tcx_count_ingress(struct __sk_buff *skb)
{
	account(&stats_ingress, skb);
	return TC_ACT_OK;
}

SEC("tcx/egress")
int tcx_count_egress(struct __sk_buff *skb)
{
	account(&stats_egress, skb);
	return TC_ACT_OK;
}

/* Defined after their users; only the prototypes above precede them. */
static __always_inline __u32 proto_slot(__u16 proto)
{
	switch (proto) {
	case bpf_htons(ETH_P_IP):
		return 0;
	case bpf_htons(ETH_P_IPV6):
		return 1;
	case bpf_htons(ETH_P_ARP):
		return 2;
	}
	return 3;
}

static __always_inline void account(void *map, struct __sk_buff *skb)
{
	__u32 slot = proto_slot(skb->protocol);
	struct proto_counter *c = bpf_map_lookup_elem(map, &slot);

	if (!c)
		return;
	c->packets++;
	c->bytes += skb->len;
}

char _license[] SEC("license") = "GPL";
