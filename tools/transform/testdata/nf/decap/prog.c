// IPIP / IPv6-in-IPv4 / GUE (direct) / IPv4-in-IPv6 decapsulator at XDP.
// The outer headers are removed with bpf_xdp_adjust_head (shrink); the new Ethernet header
// takes the inner protocol's ethertype, so an IPv4 outer with an IPv6 inner changes the
// frame's protocol (and the reverse for IPv4-in-IPv6).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define GUE_PORT 6080

enum { ST_RX, ST_IPIP, ST_6IN4, ST_GUE4, ST_GUE6, ST_4IN6, ST_PASS, ST_BAD, ST_MAX };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, ST_MAX);
	__type(key, __u32);
	__type(value, __u64);
} decap_stats SEC(".maps");

static __always_inline void count(__u32 idx)
{
	__u64 *v = bpf_map_lookup_elem(&decap_stats, &idx);

	if (v)
		__sync_fetch_and_add(v, 1);
}

/* Remove outer bytes after the Ethernet header and write a new Ethernet header. */
static __always_inline int decap(struct xdp_md *ctx, int outer, __u16 inner_proto)
{
	struct ethhdr eth_copy, *eth;
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;

	eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	__builtin_memcpy(&eth_copy, eth, sizeof(eth_copy));
	if (bpf_xdp_adjust_head(ctx, outer))
		return XDP_DROP;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	__builtin_memcpy(eth->h_dest, eth_copy.h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_source, eth_copy.h_source, ETH_ALEN);
	eth->h_proto = bpf_htons(inner_proto);
	return XDP_PASS;
}

static __always_inline int decap_v4(struct xdp_md *ctx, struct iphdr *iph, void *data_end)
{
	struct udphdr *udph;
	__u8 *inner;

	if (iph->ihl != 5 || (iph->frag_off & bpf_htons(0x3fff)))
		return -1;
	if (iph->protocol == IPPROTO_IPIP) {
		count(ST_IPIP);
		return decap(ctx, sizeof(*iph), ETH_P_IP);
	}
	if (iph->protocol == IPPROTO_IPV6) {
		count(ST_6IN4);
		return decap(ctx, sizeof(*iph), ETH_P_IPV6);
	}
	if (iph->protocol != IPPROTO_UDP)
		return -1;
	udph = (void *)(iph + 1);
	if ((void *)(udph + 1) > data_end || udph->dest != bpf_htons(GUE_PORT))
		return -1;
	inner = (void *)(udph + 1);
	if ((void *)(inner + 1) > data_end) {
		count(ST_BAD);
		return XDP_DROP;
	}
	if ((*inner >> 4) == 4) {
		count(ST_GUE4);
		return decap(ctx, sizeof(*iph) + sizeof(*udph), ETH_P_IP);
	}
	if ((*inner >> 4) == 6) {
		count(ST_GUE6);
		return decap(ctx, sizeof(*iph) + sizeof(*udph), ETH_P_IPV6);
	}
	count(ST_BAD);
	return XDP_DROP;
}

SEC("xdp")
int decap_main(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	int rc = -1;

	count(ST_RX);
	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *iph = (void *)(eth + 1);

		if ((void *)(iph + 1) > data_end)
			return XDP_DROP;
		rc = decap_v4(ctx, iph, data_end);
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6h = (void *)(eth + 1);

		if ((void *)(ip6h + 1) > data_end)
			return XDP_DROP;
		if (ip6h->nexthdr == IPPROTO_IPIP) {
			count(ST_4IN6);
			rc = decap(ctx, sizeof(*ip6h), ETH_P_IP);
		}
	}
	if (rc < 0) {
		count(ST_PASS);
		return XDP_PASS;
	}
	return rc;
}

char _license[] SEC("license") = "GPL";
