// SPDX-License-Identifier: GPL-2.0
/* XDP router: LPM route lookup, per-flow accounting, tenant byte limits. */
#include "router.h"
#include "maps.h"

static __always_inline void count(__u32 idx)
{
	__u64 *c = bpf_map_lookup_elem(&counters, &idx);

	if (c)
		*c += 1;
}

static __always_inline int over_limit(__u32 saddr, __u32 tenant, __u64 bytes)
{
	struct tenant_limit *lim;
	__u32 zero = 0;
	void *inner;

	inner = bpf_map_lookup_elem(&tenant_overrides, &saddr);
	if (!inner)
		inner = bpf_map_lookup_elem(&tenants, &tenant);
	if (!inner)
		return 0;
	lim = bpf_map_lookup_elem(inner, &zero);
	return lim && lim->max_bytes && bytes > lim->max_bytes;
}

static __always_inline __u64 account(__u32 saddr, __u64 len)
{
	struct flow_state *st = bpf_map_lookup_elem(&flows, &saddr);
	struct flow_state fresh = { .packets = 1, .bytes = len };

	if (!st) {
		bpf_map_update_elem(&flows, &saddr, &fresh, BPF_NOEXIST);
		return len;
	}
	__sync_fetch_and_add(&st->packets, 1);
	__sync_fetch_and_add(&st->bytes, len);
	return st->bytes;
}

static __always_inline void emit_debug(__u32 addr, __u32 reason)
{
	struct debug_event *ev = bpf_ringbuf_reserve(&debug_ring, sizeof(*ev), 0);

	if (!ev)
		return;
	ev->addr = addr;
	ev->reason = reason;
	bpf_ringbuf_submit(ev, 0);
}

SEC("xdp")
int xdp_router(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct route_key key = { .prefixlen = 32 };
	struct next_hop *nh;
	__u64 total;

	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if (bpf_map_lookup_elem(&blocklist, &iph->saddr)) {
		count(CNT_BLOCKED);
		return XDP_DROP;
	}
	key.addr = iph->daddr;
	nh = bpf_map_lookup_elem(&routes, &key);
	if (!nh) {
		count(CNT_NOROUTE);
		return XDP_PASS;
	}
	total = account(iph->saddr, data_end - data);
	if (over_limit(iph->saddr, nh->tenant, total))
		return XDP_DROP;
	count(CNT_ROUTED);
	return bpf_redirect(nh->ifindex, 0);
}

char _license[] SEC("license") = "GPL";
