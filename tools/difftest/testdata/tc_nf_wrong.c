/* A wrong TC port of xdp_nf.c: it forgets that XDP_TX sends the frame back (it passes the
 * echo reply up the stack instead of redirecting it). difftest must report the ICMP echo
 * requests as mismatches. */
#include "nf.h"
#include <linux/pkt_cls.h>

SEC("tc")
int tc_nf_wrong(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	switch (nf_decide(data, data_end, skb->len)) {
	case NF_DROP:
		return TC_ACT_SHOT;
	default:
		return TC_ACT_OK;
	}
}

char _license[] SEC("license") = "GPL";
