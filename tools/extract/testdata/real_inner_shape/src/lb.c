// SPDX-License-Identifier: GPL-2.0
/* XDP load balancer: a per-service consistent-hash ring and a per-CPU
 * connection table, both maps of maps filled by the daemon. */
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include "bpf_legacy.h"
#include "lb_maps.h"

static __hot void count(__u32 what)
{
	__u64 *v = bpf_map_lookup_elem(&lb_stats, &what);

	if (v)
		*v += 1;
}

static __hot __u32 flow_hash(const struct flow *f)
{
	__u32 h = f->saddr * 2654435761u;

	h ^= f->daddr + ((__u32)f->sport << 16 | f->dport);
	return h ^ (h >> 15);
}

/* Pick the backend of the ring slot a hash falls on. */
static __hot struct backend *ring_pick(void *ring, __u32 hash)
{
	struct ring_pos pos = {};

	pos.slot = hash % RING_SIZE;
	pos.gen = 1;
	return bpf_map_lookup_elem(ring, &pos);
}

static __hot __u32 remember(struct flow *f, __u32 backend)
{
	__u32 cpu = bpf_get_smp_processor_id();
	void *tbl = bpf_map_lookup_elem(&conn_tables, &cpu);
	struct conn *c;

	if (!tbl)
		tbl = &fallback_conns;
	c = bpf_map_lookup_elem(tbl, f);
	if (c) {
		c->last_seen = bpf_ktime_get_ns();
		c->packets++;
		return c->backend;
	}
	struct conn nc = { .last_seen = bpf_ktime_get_ns(), .backend = backend, .packets = 1 };
	bpf_map_update_elem(tbl, f, &nc, BPF_ANY);
	return backend;
}

SEC("xdp")
int xdp_lb(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *uh = (void *)(iph + 1);
	struct svc_key sk = {};
	struct flow fl = {};
	struct backend *be;
	void *ring;

	if ((void *)(uh + 1) > data_end || eth->h_proto != __constant_htons(ETH_P_IP) ||
	    iph->ihl != 5 || iph->protocol != IPPROTO_UDP) {
		count(STAT_PASS);
		return XDP_PASS;
	}
	sk.vip = iph->daddr;
	sk.port = uh->dest;
	sk.proto = iph->protocol;
	ring = bpf_map_lookup_elem(&svc_rings, &sk);
	if (!ring) {
		count(STAT_NO_RING);
		return XDP_PASS;
	}
	fl.saddr = iph->saddr;
	fl.daddr = iph->daddr;
	fl.sport = uh->source;
	fl.dport = uh->dest;
	fl.proto = iph->protocol;
	be = ring_pick(ring, flow_hash(&fl));
	if (!be || (be->flags & BACKEND_DRAINING) || be->conns > 100000) {
		count(STAT_NO_BACKEND);
		return XDP_PASS;
	}
	remember(&fl, be->addr);
	__builtin_memcpy(eth->h_dest, be->mac, ETH_ALEN);
	iph->daddr = be->addr;
	uh->dest = be->port;
	count(STAT_TX);
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
