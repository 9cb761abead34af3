// SPDX-License-Identifier: GPL-2.0
/* tc ingress ACL: per-interface protocol allow list, then a tail call into
 * the per-protocol program that tc installed in jmp_tc. */
#include "tc_common.h"
#include "acl.h"

static __always_inline __u32 jump_slot(__u16 proto)
{
	return proto == bpf_htons(0x86DD) ? JMP_SLOT_IPV6 : JMP_SLOT_IPV4;
}

__section("classifier")
int tc_ingress(struct __sk_buff *skb)
{
	__u16 proto = skb->protocol;

	if (acl_verdict(skb->ifindex, proto) == ACL_DENY ||
	    (skb->vlan_present && vlan_verdict(skb->vlan_tci & 0x0fff, skb->ifindex) == ACL_DENY)) {
		stat_bump(STAT_DENIED);
		return TC_ACT_SHOT;
	}
	stat_bump(STAT_ALLOWED);
	bpf_tail_call(skb, &jmp_tc, jump_slot(proto));
	/* Nothing installed for this protocol: let it through. */
	stat_bump(STAT_JUMP_FAILED);
	return TC_ACT_OK;
}

__section("classifier_egress")
int tc_egress(struct __sk_buff *skb)
{
	__u32 zero = 0;
	struct egress_stat *st = bpf_map_lookup_elem(&tc_egress_stats, &zero);

	if (st)
		__sync_fetch_and_add(&st->bytes, skb->len);
	return TC_ACT_OK;
}

char __license[] __section("license") = "GPL";
