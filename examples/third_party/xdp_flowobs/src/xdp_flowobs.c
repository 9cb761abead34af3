// SPDX-License-Identifier: GPL-2.0
/* XDP flow observer: keys every IPv4/IPv6 packet by its 5-tuple, keeps
 * packet/byte counters in an LRU hash and sends a sample to user space
 * for new flows and every cfg.sample_every packets. Never drops. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>

#include "bpf_helpers.h"
#include "bpf_endian.h"
#include "flow.h"
#include "flowobs_maps.h"
#include "flow_parse.h"

#ifndef AF_INET
#define AF_INET 2
#endif
#ifndef AF_INET6
#define AF_INET6 10
#endif

#define TCP_FLAGS_BYTE(th) (((__u8 *)(th))[13])

static __always_inline int parse_ports(struct pkt_cursor *nh, void *data_end, int proto,
				       struct flow_key *key, __u32 *tcp_flags)
{
	struct tcphdr *th;
	struct udphdr *uh;

	switch (proto) {
	case IPPROTO_TCP:
		if (parse_tcphdr(nh, data_end, &th) < 0)
			return -1;
		key->sport = th->source;
		key->dport = th->dest;
		*tcp_flags = TCP_FLAGS_BYTE(th);
		return 0;
	case IPPROTO_UDP:
		if (parse_udphdr(nh, data_end, &uh) < 0)
			return -1;
		key->sport = uh->source;
		key->dport = uh->dest;
		return 0;
	default:
		/* Port-less protocols are keyed by addresses and protocol only. */
		return 0;
	}
}

static __always_inline int flow_key_from_packet(struct xdp_md *ctx, struct flow_key *key,
						__u32 *tcp_flags)
{
	void *data_end = (void *)(long)ctx->data_end;
	struct pkt_cursor nh = { .pos = (void *)(long)ctx->data };
	struct ethhdr *eth;
	struct iphdr *iph;
	struct ipv6hdr *ip6h;
	int eth_type, proto;

	eth_type = parse_ethhdr(&nh, data_end, &eth);
	if (eth_type == bpf_htons(ETH_P_IP)) {
		proto = parse_iphdr(&nh, data_end, &iph);
		if (proto < 0)
			return -1;
		key->family = AF_INET;
		key->saddr[0] = iph->saddr;
		key->daddr[0] = iph->daddr;
	} else if (eth_type == bpf_htons(ETH_P_IPV6)) {
		proto = parse_ip6hdr(&nh, data_end, &ip6h);
		if (proto < 0)
			return -1;
		key->family = AF_INET6;
		__builtin_memcpy(key->saddr, &ip6h->saddr, sizeof(key->saddr));
		__builtin_memcpy(key->daddr, &ip6h->daddr, sizeof(key->daddr));
	} else {
		return -1;
	}
	key->proto = proto;
	return parse_ports(&nh, data_end, proto, key, tcp_flags);
}

static __always_inline void emit_sample(struct xdp_md *ctx, struct flow_key *key,
					struct flow_stats *st, __u32 reason, __u32 len)
{
	struct flow_sample s = {};

	s.key = *key;
	s.packets = st->packets;
	s.bytes = st->bytes;
	s.reason = reason;
	s.pkt_len = len;
	bpf_perf_event_output(ctx, &flow_samples, BPF_F_CURRENT_CPU, &s, sizeof(s));
}

static __always_inline __u32 sample_every(void)
{
	__u32 zero = 0;
	struct flowobs_cfg *cfg = bpf_map_lookup_elem(&flowobs_config, &zero);

	return cfg ? cfg->sample_every : 0;
}

static __always_inline void account(struct xdp_md *ctx, struct flow_key *key, __u32 len,
				    __u32 tcp_flags)
{
	struct flow_stats *st, fresh = {};
	__u64 now = bpf_ktime_get_ns();
	__u32 every;

	st = bpf_map_lookup_elem(&flow_table, key);
	if (!st) {
		fresh.packets = 1;
		fresh.bytes = len;
		fresh.first_seen_ns = now;
		fresh.last_seen_ns = now;
		fresh.tcp_flags = tcp_flags;
		bpf_map_update_elem(&flow_table, key, &fresh, BPF_NOEXIST);
		emit_sample(ctx, key, &fresh, FLOW_SAMPLE_NEW, len);
		return;
	}

	__sync_fetch_and_add(&st->packets, 1);
	__sync_fetch_and_add(&st->bytes, len);
	st->last_seen_ns = now;
	st->tcp_flags |= tcp_flags;

	every = sample_every();
	if (every && st->packets % every == 0)
		emit_sample(ctx, key, st, FLOW_SAMPLE_PERIODIC, len);
}

SEC("xdp")
int xdp_flowobs_prog(struct xdp_md *ctx)
{
	struct flow_key key = {};
	__u32 tcp_flags = 0;
	__u32 len = ctx->data_end - ctx->data;

	if (flow_key_from_packet(ctx, &key, &tcp_flags) == 0)
		account(ctx, &key, len, tcp_flags);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
