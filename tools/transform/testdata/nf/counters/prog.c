// Per-protocol counters at XDP: packets and bytes per IP protocol (IPv4 and IPv6), and a drop
// of fragments, with the frame length from bpf_xdp_get_buff_len.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct proto_count {
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 512);
	__type(key, __u32);
	__type(value, struct proto_count);
} proto_counts SEC(".maps");

static __always_inline void account(struct xdp_md *ctx, __u32 key)
{
	struct proto_count *c = bpf_map_lookup_elem(&proto_counts, &key), fresh = {};

	if (!c) {
		bpf_map_update_elem(&proto_counts, &key, &fresh, BPF_NOEXIST);
		c = bpf_map_lookup_elem(&proto_counts, &key);
		if (!c)
			return;
	}
	c->packets++;
	c->bytes += bpf_xdp_get_buff_len(ctx);
}

SEC("xdp")
int count_main(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_ABORTED;
	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *iph = (void *)(eth + 1);

		if ((void *)(iph + 1) > data_end)
			return XDP_DROP;
		if (iph->frag_off & bpf_htons(0x3fff)) {
			account(ctx, 0x10000);
			return XDP_DROP;
		}
		account(ctx, iph->protocol);
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6h = (void *)(eth + 1);

		if ((void *)(ip6h + 1) > data_end)
			return XDP_DROP;
		account(ctx, 0x100 | ip6h->nexthdr);
	} else {
		account(ctx, 0x20000 | bpf_ntohs(eth->h_proto));
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
