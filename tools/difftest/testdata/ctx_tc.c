/* Context check, TC side: see ctx_xdp.c. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("tc")
int ctx_tc(struct __sk_buff *skb)
{
	if (skb->ingress_ifindex != 1 || skb->ifindex != 1)
		return TC_ACT_SHOT;
	if (skb->protocol == bpf_htons(ETH_P_IPV6))
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
