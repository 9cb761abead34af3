// An XDP program that counts IPv4 packets per protocol and passes
// everything. Bounds-checked packet access, an array map, a helper call.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} proto_count SEC(".maps");

static __always_inline int parse_ipv4(void *data, void *data_end, __u32 *proto)
{
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);

	if ((void *)(iph + 1) > data_end)
		return -1;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return -1;
	*proto = iph->protocol;
	return 0;
}

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u32 proto;
	__u64 *count;

	if (parse_ipv4(data, data_end, &proto) < 0)
		return XDP_PASS;
	count = bpf_map_lookup_elem(&proto_count, &proto);
	if (count)
		*count += 1;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
