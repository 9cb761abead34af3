// Not portable to XDP: reads the mark and writes the priority (socket-buffer metadata), grows
// the packet with bpf_skb_change_tail and pushes an offloaded VLAN tag.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("tc")
int classify_main(struct __sk_buff *skb)
{
	if (skb->mark == 7)
		skb->priority = 3;
	if (skb->len < 64 && bpf_skb_change_tail(skb, 64, 0))
		return TC_ACT_SHOT;
	bpf_skb_vlan_push(skb, bpf_htons(0x8100), 5);
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
