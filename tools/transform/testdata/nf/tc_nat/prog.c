// Destination NAT at tc: UDP and TCP to a virtual IPv4 address are rewritten to a backend
// with bpf_skb_store_bytes and incremental checksum updates (bpf_l3_csum_replace,
// bpf_l4_csum_replace with the pseudo-header flag); counts bytes by skb->len.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define VIP 0xc0a80a0a     /* 192.168.10.10 */
#define BACKEND 0x0a0a0a0a /* 10.10.10.10 */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} nat_stats SEC(".maps");

#define IP_DST_OFF (ETH_HLEN + offsetof(struct iphdr, daddr))
#define IP_CSUM_OFF (ETH_HLEN + offsetof(struct iphdr, check))

SEC("tc")
int nat_main(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	__u32 old = bpf_htonl(VIP), new = bpf_htonl(BACKEND), key = 0, l4_off;
	__u64 *bytes;
	__u8 proto;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	if ((void *)(iph + 1) > data_end)
		return TC_ACT_SHOT;
	if (iph->daddr != old || iph->ihl != 5 || (iph->frag_off & bpf_htons(0x3fff)))
		return TC_ACT_OK;
	proto = iph->protocol;
	l4_off = ETH_HLEN + sizeof(struct iphdr);
	if (proto == IPPROTO_TCP) {
		if (bpf_l4_csum_replace(skb, l4_off + offsetof(struct tcphdr, check), old, new, BPF_F_PSEUDO_HDR | 4))
			return TC_ACT_SHOT;
	} else if (proto == IPPROTO_UDP) {
		if (bpf_l4_csum_replace(skb, l4_off + offsetof(struct udphdr, check), old, new,
					BPF_F_PSEUDO_HDR | BPF_F_MARK_MANGLED_0 | 4))
			return TC_ACT_SHOT;
	} else {
		return TC_ACT_OK;
	}
	if (bpf_l3_csum_replace(skb, IP_CSUM_OFF, old, new, 4))
		return TC_ACT_SHOT;
	if (bpf_skb_store_bytes(skb, IP_DST_OFF, &new, sizeof(new), 0))
		return TC_ACT_SHOT;
	bytes = bpf_map_lookup_elem(&nat_stats, &key);
	if (bytes)
		*bytes += skb->len;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
