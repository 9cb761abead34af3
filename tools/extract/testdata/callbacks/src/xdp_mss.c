// SPDX-License-Identifier: GPL-2.0
/* Drops SYNs that advertise an MSS below a floor, unless quota remains. */
#include "tcp_opts.h"

/* bpf_loop callback: one option per iteration. */
static long scan_one(__u32 index, struct opt_scan *s)
{
	void *data = (void *)(long)s->ctx->data;
	void *data_end = (void *)(long)s->ctx->data_end;
	__u8 *p;

	if (s->off >= s->end || s->off > 128)
		return 1;
	p = data + s->off;
	if ((void *)(p + 4) > data_end)
		return 1;
	if (p[0] == TCPOPT_EOL)
		return 1;
	if (p[0] == TCPOPT_NOP) {
		s->off++;
		return 0;
	}
	if (p[0] == TCPOPT_MSS && p[1] == 4) {
		s->mss = (p[2] << 8) | p[3];
		return 1;
	}
	if (p[1] < 2)
		return 1;
	s->off += p[1];
	return 0;
}

/* bpf_for_each_map_elem callback: sums the quota array. */
static long add_quota(void *map, __u32 *key, __u64 *val, struct quota_sum *sum)
{
	sum->total += *val;
	sum->entries++;
	return 0;
}

/* Callback of an older design; nothing passes it anywhere. */
static long count_sack(__u32 index, struct opt_scan *s)
{
	return s->off + index > MAX_OPT_BYTES;
}

static __always_inline __u16 syn_mss(struct xdp_md *ctx, struct tcphdr *th, __u32 th_off)
{
	struct opt_scan s = {
		.ctx = ctx,
		.off = th_off + sizeof(*th),
		.end = th_off + th->doff * 4,
	};

	bpf_loop(MAX_OPT_BYTES, scan_one, &s, 0);
	return s.mss;
}

SEC("xdp")
int xdp_mss_guard(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct tcphdr *th = (void *)(iph + 1);
	struct quota_sum sum = {};
	__u16 mss;

	if ((void *)(th + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->ihl != 5 ||
	    iph->protocol != IPPROTO_TCP || !th->syn)
		return XDP_PASS;
	mss = syn_mss(ctx, th, sizeof(*eth) + sizeof(*iph));
	if (!mss || mss >= MSS_FLOOR)
		return XDP_PASS;
	bpf_for_each_map_elem(&quota, add_quota, &sum, 0);
	return sum.total ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
