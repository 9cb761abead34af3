// SPDX-License-Identifier: GPL-2.0
/* XDP DDoS filter in the old samples/bpf style: vendored helper header,
 * struct bpf_map_def maps, helper function pointers. */
#include <linux/version.h>
#include "ddos.h"
#include "maps.h"

static __always_inline void stat_inc(__u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(&rxcnt, &slot);

	if (v)
		*v += 1;
}

static __always_inline int rate_exceeded(__u32 saddr)
{
	struct rate_state *st = bpf_map_lookup_elem(&rate, &saddr);
	struct rate_state init = {};
	__u64 now = bpf_ktime_get_ns();

	if (!st) {
		init.window_start = now;
		init.packets = 1;
		bpf_map_update_elem(&rate, &saddr, &init, BPF_ANY);
		return 0;
	}
	if (now - st->window_start > RATE_WINDOW_NS) {
		st->window_start = now;
		st->packets = 0;
	}
	st->packets++;
	return st->packets > RATE_MAX_PPS;
}

static __always_inline int port_protected(__u32 service, __u16 dport)
{
	void *set = bpf_map_lookup_elem(&port_sets, &service);

	if (!set)
		return 0;
	return bpf_map_lookup_elem(set, &dport) != 0;
}

static __always_inline void unblock(__u32 saddr)
{
	bpf_map_delete_elem(&blacklist, &saddr);
}

SEC("xdp_ddos")
int xdp_ddos_prog(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *uh = (void *)(iph + 1);
	__u64 *blocked;

	if ((void *)(uh + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != htons_const(ETH_P_IP) || iph->ihl != 5)
		return XDP_PASS;
	blocked = bpf_map_lookup_elem(&blacklist, &iph->saddr);
	if (blocked) {
		*blocked += 1;
		stat_inc(STAT_DROP);
		return XDP_DROP;
	}
	if (iph->protocol == IPPROTO_UDP &&
	    port_protected(0, htons_const(uh->dest)) &&
	    rate_exceeded(iph->saddr)) {
		stat_inc(STAT_DROP);
		return XDP_DROP;
	}
	stat_inc(STAT_PASS);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
__u32 _version SEC("version") = LINUX_VERSION_CODE;
