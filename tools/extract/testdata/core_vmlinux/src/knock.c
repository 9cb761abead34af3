// SPDX-License-Identifier: GPL-2.0
/* XDP port knocking on a project-local vmlinux.h (CO-RE style headers). */
#include "vmlinux.h"
#include "knock.h"

static __always_inline struct tcphdr *tcp_of(void *data, void *data_end, __be32 *saddr)
{
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct tcphdr *th = (void *)(iph + 1);

	if ((void *)(th + 1) > data_end)
		return 0;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->ihl != 5 ||
	    iph->protocol != IPPROTO_TCP)
		return 0;
	*saddr = iph->saddr;
	return th;
}

static __always_inline int advance(struct knock_state *st, struct knock_cfg *cfg,
				   __u16 dport, __u64 now)
{
	__u32 step = st->step;

	if (now - st->last_ns > KNOCK_TIMEOUT_NS)
		step = 0;
	if (step < KNOCK_STEPS && cfg->ports[step] == dport) {
		st->step = step + 1;
		st->open = st->step == KNOCK_STEPS;
	} else {
		st->step = 0;
	}
	st->last_ns = now;
	return st->open;
}

SEC("xdp")
int xdp_knock(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct knock_state fresh = {}, *st;
	struct knock_cfg *cfg;
	struct tcphdr *th;
	__u32 zero = 0;
	__be32 saddr;
	__u16 dport;

	th = tcp_of(data, data_end, &saddr);
	if (!th || !th->syn)
		return XDP_PASS;
	cfg = bpf_map_lookup_elem(&knock_config, &zero);
	if (!cfg)
		return XDP_PASS;
	dport = bpf_ntohs(th->dest);
	st = bpf_map_lookup_elem(&knock_states, &saddr);
	if (!st) {
		bpf_map_update_elem(&knock_states, &saddr, &fresh, BPF_NOEXIST);
		st = bpf_map_lookup_elem(&knock_states, &saddr);
		if (!st)
			return XDP_PASS;
	}
	if (dport == cfg->protected_port)
		return st->open ? XDP_PASS : XDP_DROP;
	advance(st, cfg, dport, bpf_ktime_get_ns());
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
