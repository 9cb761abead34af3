// A map-in-map whose inner maps user space creates at run time: the outer
// map declares no inner map. flow_proto is the prototype user space clones;
// a_small is a map of the wrong shape that must not be chosen.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct flow {
	__u32 saddr;
	__u32 daddr;
	__u16 sport;
	__u16 dport;
};

struct counters {
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} a_small SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct flow);
	__type(value, struct counters);
} flow_proto SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} flows_per_cpu SEC(".maps");

SEC("xdp")
int xdp_flows(struct xdp_md *ctx)
{
	__u32 cpu = bpf_get_smp_processor_id();
	struct flow key = {};
	struct counters *c;
	void *inner;

	inner = bpf_map_lookup_elem(&flows_per_cpu, &cpu);
	if (!inner)
		return XDP_PASS;
	key.saddr = ctx->ingress_ifindex;
	c = bpf_map_lookup_elem(inner, &key);
	if (c) {
		c->packets++;
		c->bytes += ctx->data_end - ctx->data;
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
