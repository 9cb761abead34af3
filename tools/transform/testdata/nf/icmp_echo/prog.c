// ICMP echo responder at XDP: an echo request becomes the reply in place (addresses swapped,
// type 0, checksum updated incrementally) and goes back out with XDP_TX.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ICMP_ECHOREPLY 0
#define ICMP_ECHO 8

struct icmphdr {
	__u8 type;
	__u8 code;
	__sum16 checksum;
	__be16 id;
	__be16 sequence;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} echo_replies SEC(".maps");

static __always_inline __u16 csum_add16(__u16 csum, __u16 addend)
{
	__u32 s = (__u32)csum + addend;

	return (__u16)(s + (s >> 16));
}

SEC("xdp")
int icmp_echo(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct icmphdr *icmp;
	unsigned char mac[ETH_ALEN];
	__u32 addr, key = 0;
	__u64 *n;

	if ((void *)(iph + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if (iph->ihl != 5 || iph->protocol != IPPROTO_ICMP)
		return XDP_PASS;
	icmp = (void *)(iph + 1);
	if ((void *)(icmp + 1) > data_end)
		return XDP_DROP;
	if (icmp->type != ICMP_ECHO || icmp->code != 0)
		return XDP_PASS;

	__builtin_memcpy(mac, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, mac, ETH_ALEN);
	addr = iph->saddr;
	iph->saddr = iph->daddr;
	iph->daddr = addr;
	iph->ttl = 64;
	iph->check = 0;
	{
		__u16 *w = (__u16 *)iph;
		__u32 s = 0;
		int i;
#pragma unroll
		for (i = 0; i < 10; i++)
			s += w[i];
		s = (s & 0xffff) + (s >> 16);
		s = (s & 0xffff) + (s >> 16);
		iph->check = ~s;
	}
	/* type 8 -> 0: the checksum grows by 0x0800 in network order */
	icmp->type = ICMP_ECHOREPLY;
	icmp->checksum = csum_add16(icmp->checksum, bpf_htons(ICMP_ECHO << 8));

	n = bpf_map_lookup_elem(&echo_replies, &key);
	if (n)
		*n += 1;
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
