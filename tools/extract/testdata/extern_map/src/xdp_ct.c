// SPDX-License-Identifier: GPL-2.0
/* Tracks TCP connections in a table defined outside this repository. */
#include "ct.h"

static __always_inline int ct_key_of(void *data, void *data_end, struct ct_key *key)
{
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct tcphdr *th = (void *)(iph + 1);

	if ((void *)(th + 1) > data_end)
		return -1;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->ihl != 5 ||
	    iph->protocol != IPPROTO_TCP)
		return -1;
	key->saddr = iph->saddr;
	key->daddr = iph->daddr;
	key->sport = th->source;
	key->dport = th->dest;
	return th->syn && !th->ack;
}

static __always_inline void ct_touch(struct ct_key *key, int is_syn)
{
	struct ct_val *v = bpf_map_lookup_elem(&ct_table, key);
	struct ct_val fresh = { .state = CT_NEW };

	if (v) {
		v->last_seen = bpf_ktime_get_ns();
		v->state = CT_ESTABLISHED;
		return;
	}
	if (!is_syn)
		return;
	fresh.last_seen = bpf_ktime_get_ns();
	bpf_map_update_elem(&ct_table, key, &fresh, BPF_NOEXIST);
}

SEC("xdp")
int xdp_ct(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ct_key key = {};
	int syn;

	syn = ct_key_of(data, data_end, &key);
	if (syn >= 0)
		ct_touch(&key, syn);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
