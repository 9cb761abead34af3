// SPDX-License-Identifier: GPL-2.0
/* Per-CPU flow cache in the libbpf style: the outer array of maps is a BTF
 * map without __array(values, ...), because the daemon creates one LRU hash
 * per CPU and hands the loader an inner map fd (bpf_map__set_inner_map_fd)
 * before loading. Nothing declares the inner map; the program's lookups and
 * updates in it say its key (struct flow_key, 16 bytes) and value (struct
 * flow_entry, 24 bytes). */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

struct flow_key {
	__u32 saddr;
	__u32 daddr;
	__u32 ports;
	__u32 proto;
};

struct flow_entry {
	__u64 first_seen;
	__u64 bytes;
	__u32 packets;
	__u32 verdict;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 128);
} flow_cache_per_cpu SEC(".maps");

static __always_inline void account(struct flow_entry *e, __u64 len)
{
	e->packets++;
	e->bytes += len;
}

SEC("xdp")
int xdp_flow_cache(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *iph = data + sizeof(struct ethhdr);
	__u32 cpu = bpf_get_smp_processor_id();
	struct flow_key key = {};
	struct flow_entry *e, fresh = {};
	void *cache;

	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	cache = bpf_map_lookup_elem(&flow_cache_per_cpu, &cpu);
	if (!cache)
		return XDP_PASS;
	key.saddr = iph->saddr;
	key.daddr = iph->daddr;
	key.proto = iph->protocol;
	e = bpf_map_lookup_elem(cache, &key);
	if (!e) {
		fresh.first_seen = bpf_ktime_get_ns();
		fresh.verdict = XDP_PASS;
		account(&fresh, data_end - data);
		bpf_map_update_elem(cache, &key, &fresh, BPF_NOEXIST);
		return XDP_PASS;
	}
	account(e, data_end - data);
	return e->verdict == XDP_DROP ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
