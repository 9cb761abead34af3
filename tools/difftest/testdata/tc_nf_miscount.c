/* A wrong TC port of xdp_nf.c: right verdicts and bytes, but IPv6 frames are counted under
 * the wrong protocol. difftest must report the per-CPU counters as different. */
#define NF_MISCOUNT_IPV6
#include "nf.h"
#include <linux/pkt_cls.h>

SEC("tc")
int tc_nf_miscount(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	switch (nf_decide(data, data_end, skb->len)) {
	case NF_DROP:
		return TC_ACT_SHOT;
	case NF_BOUNCE:
		return bpf_redirect(skb->ingress_ifindex, 0);
	default:
		return TC_ACT_OK;
	}
}

char _license[] SEC("license") = "GPL";
