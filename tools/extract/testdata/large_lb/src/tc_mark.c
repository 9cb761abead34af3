// SPDX-License-Identifier: GPL-2.0
/* tc ingress on the real: marks tunnelled flows with a hash of the inner
 * addresses so that local policy can steer them. */
#include <linux/pkt_cls.h>
#include "lb_helpers.h"
#include "lb_consts.h"
#include "parse.h"
#include "mixhash.h"

__lb_inline int inner_addrs(struct __sk_buff *skb, __u32 *src, __u32 *dst)
{
	struct iphdr inner;

	if (bpf_skb_load_bytes(skb, sizeof(struct ethhdr) + sizeof(struct iphdr),
			       &inner, sizeof(inner)))
		return 0;
	*src = inner.saddr;
	*dst = inner.daddr;
	return 1;
}

SEC("tc")
int tc_mark_tunnelled(struct __sk_buff *skb)
{
	__u32 src, dst;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	if (!inner_addrs(skb, &src, &dst))
		return TC_ACT_OK;
	skb->mark = mix2(src, dst, INIT_JHASH_SEED) | 1;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
