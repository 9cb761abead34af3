// SPDX-License-Identifier: GPL-2.0
/* tc programs that mark packets; the egress one is built only with
 * -DENABLE_EGRESS, which this case's cflags do not set. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

#define MARK_INGRESS 0x1
#define MARK_EGRESS 0x2

SEC("tc")
int tc_ingress_mark(struct __sk_buff *skb)
{
	skb->mark |= MARK_INGRESS;
	return TC_ACT_OK;
}

#ifdef ENABLE_EGRESS
SEC("tc")
int tc_egress_mark(struct __sk_buff *skb)
{
	skb->mark |= MARK_EGRESS;
	return TC_ACT_OK;
}
#endif

char _license[] SEC("license") = "GPL";
