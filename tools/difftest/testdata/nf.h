/* Shared logic of the difftest test programs: a per-protocol counter, bytes per IPv4 source,
 * a source/port blocklist and an ICMP echo responder, the same network function written
 * for XDP (xdp_nf.c) and for TC (tc_nf.c). */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* linux/icmp.h pulls in libc headers; the four bytes needed here. */
struct nf_icmphdr {
	__u8 type;
	__u8 code;
	__u16 checksum;
};
#define NF_ICMP_ECHO 8
#define NF_ICMP_ECHOREPLY 0

enum nf_verdict { NF_PASS, NF_DROP, NF_BOUNCE };

struct block_key {
	__u32 addr; /* IPv4 source, network order */
	__u16 port; /* UDP destination port, host order; 0: any */
	__u16 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} proto_count SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, struct block_key);
	__type(value, __u32);
} blocklist SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} bytes_by_src SEC(".maps");

static __always_inline void count(__u32 proto)
{
	__u64 *c = bpf_map_lookup_elem(&proto_count, &proto);
	if (c)
		*c += 1;
}

/* nf_decide parses [data, data_end) of a frame of len bytes and says what to do. ICMP echo
 * requests are bounced back (addresses swapped, type set to reply); blocklisted sources are
 * dropped. */
static __always_inline enum nf_verdict nf_decide(void *data, void *data_end, __u32 len)
{
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return NF_DROP;
	__u16 proto = eth->h_proto;
	if (proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = (void *)(eth + 1);
		if ((void *)(ip6 + 1) > data_end)
			return NF_DROP;
#ifdef NF_MISCOUNT_IPV6
		count(ip6->nexthdr ^ 1);
#else
		count(ip6->nexthdr);
#endif
		return NF_PASS;
	}
	if (proto != bpf_htons(ETH_P_IP)) {
		count(255);
		return NF_PASS;
	}
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return NF_DROP;
	count(ip->protocol);
	__u32 src = ip->saddr;
	__u64 *b = bpf_map_lookup_elem(&bytes_by_src, &src);
	if (b) {
		*b += len;
	} else {
		__u64 l = len;
		bpf_map_update_elem(&bytes_by_src, &src, &l, BPF_ANY);
	}
	struct block_key k = { .addr = ip->saddr };
	if (bpf_map_lookup_elem(&blocklist, &k))
		return NF_DROP;
	if (ip->ihl != 5)
		return NF_PASS;
	if (ip->protocol == IPPROTO_UDP) {
		struct udphdr *udp = (void *)(ip + 1);
		if ((void *)(udp + 1) > data_end)
			return NF_PASS;
		k.port = bpf_ntohs(udp->dest);
		if (bpf_map_lookup_elem(&blocklist, &k))
			return NF_DROP;
		return NF_PASS;
	}
	if (ip->protocol == IPPROTO_ICMP) {
		struct nf_icmphdr *icmp = (void *)(ip + 1);
		if ((void *)(icmp + 1) > data_end)
			return NF_PASS;
		if (icmp->type != NF_ICMP_ECHO)
			return NF_PASS;
		unsigned char mac[ETH_ALEN];
		__builtin_memcpy(mac, eth->h_source, ETH_ALEN);
		__builtin_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
		__builtin_memcpy(eth->h_dest, mac, ETH_ALEN);
		__u32 a = ip->saddr;
		ip->saddr = ip->daddr;
		ip->daddr = a;
		icmp->type = NF_ICMP_ECHOREPLY;
#ifndef NF_FORGET_CHECKSUM
		/* type 8 -> 0 in the high byte of the first word: the checksum grows by 0x0800 */
		__u32 sum = (__u32)icmp->checksum + bpf_htons(0x0800);
		icmp->checksum = (__u16)(sum + (sum >> 16));
#endif
		return NF_BOUNCE;
	}
	return NF_PASS;
}
