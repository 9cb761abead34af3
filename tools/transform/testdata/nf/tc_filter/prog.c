// Source filter at tc: IPv4 sources listed in deny_src are dropped, counted per receiving
// device; the TTL is read with bpf_skb_load_bytes; packets for the redirect port go to
// another device.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} deny_src SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} filter_stats SEC(".maps");

static __always_inline void stat(__u32 k)
{
	__u64 one = 1, *v = bpf_map_lookup_elem(&filter_stats, &k);

	if (v)
		*v += 1;
	else
		bpf_map_update_elem(&filter_stats, &k, &one, BPF_ANY);
}

SEC("tc")
int filter_main(struct __sk_buff *skb)
{
	void *data, *data_end;
	struct iphdr *iph;
	__u64 *hits;
	__u8 ttl;

	if (bpf_skb_pull_data(skb, sizeof(struct ethhdr) + sizeof(struct iphdr)))
		return TC_ACT_OK;
	data = (void *)(long)skb->data;
	data_end = (void *)(long)skb->data_end;
	iph = data + sizeof(struct ethhdr);
	if ((void *)(iph + 1) > data_end || skb->protocol != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	if (bpf_skb_load_bytes(skb, sizeof(struct ethhdr) + 8, &ttl, 1) < 0)
		return TC_ACT_SHOT;
	stat(skb->ifindex);
	stat(0x1000 + skb->queue_mapping);
	if (ttl <= 1)
		return TC_ACT_SHOT;
	hits = bpf_map_lookup_elem(&deny_src, &iph->saddr);
	if (hits) {
		__sync_fetch_and_add(hits, 1);
		return TC_ACT_SHOT;
	}
	if (iph->protocol == IPPROTO_UDP && iph->tos == 0x10)
		return bpf_redirect(skb->ifindex, 0);
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
