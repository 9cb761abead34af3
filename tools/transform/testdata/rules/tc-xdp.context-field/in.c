#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int prog(struct __sk_buff *skb)
{
	__u32 n = skb->len + skb->ifindex + skb->queue_mapping + skb->ingress_ifindex;

	if (skb->protocol == 0x0008)
		n++;
	return n & 1 ? TC_ACT_OK : TC_ACT_SHOT;
}

char _license[] SEC("license") = "GPL";
