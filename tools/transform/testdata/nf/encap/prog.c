// IPIP encapsulator at XDP: UDP datagrams to a configured port are wrapped in an outer IPv4
// header (bpf_xdp_adjust_head grows the front) and bounced out of the receiving device.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ENCAP_PORT 4789
#define TUNNEL_SRC 0x0a000001 /* 10.0.0.1 */
#define TUNNEL_DST 0x0a000002 /* 10.0.0.2 */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} encap_stats SEC(".maps");

static __always_inline __u16 csum_fold(__u32 csum)
{
	csum = (csum & 0xffff) + (csum >> 16);
	csum = (csum & 0xffff) + (csum >> 16);
	return ~csum;
}

static __always_inline void ipv4_csum(struct iphdr *iph)
{
	__u16 *w = (__u16 *)iph;
	__u32 csum = 0;
	int i;

	iph->check = 0;
#pragma unroll
	for (i = 0; i < (int)sizeof(*iph) / 2; i++)
		csum += w[i];
	iph->check = csum_fold(csum);
}

SEC("xdp")
int encap_main(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data, eth_copy;
	struct iphdr *inner = (void *)(eth + 1), *outer;
	struct udphdr *udph;
	__u32 key = 0;
	__u64 *n;
	__u16 inner_len;

	if ((void *)(inner + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if (inner->ihl != 5 || inner->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udph = (void *)(inner + 1);
	if ((void *)(udph + 1) > data_end || udph->dest != bpf_htons(ENCAP_PORT))
		return XDP_PASS;
	inner_len = bpf_ntohs(inner->tot_len);
	__builtin_memcpy(&eth_copy, eth, sizeof(eth_copy));

	if (bpf_xdp_adjust_head(ctx, -(int)sizeof(struct iphdr)))
		return XDP_ABORTED;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	eth = data;
	outer = (void *)(eth + 1);
	if ((void *)(outer + 1) > data_end)
		return XDP_ABORTED;
	__builtin_memcpy(eth->h_dest, eth_copy.h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, eth_copy.h_dest, ETH_ALEN);
	eth->h_proto = bpf_htons(ETH_P_IP);
	outer->version = 4;
	outer->ihl = 5;
	outer->tos = 0;
	outer->tot_len = bpf_htons(inner_len + sizeof(struct iphdr));
	outer->id = 0;
	outer->frag_off = bpf_htons(0x4000);
	outer->ttl = 64;
	outer->protocol = IPPROTO_IPIP;
	outer->saddr = bpf_htonl(TUNNEL_SRC);
	outer->daddr = bpf_htonl(TUNNEL_DST);
	ipv4_csum(outer);

	n = bpf_map_lookup_elem(&encap_stats, &key);
	if (n)
		*n += 1;
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
