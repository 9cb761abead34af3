/* SPDX-License-Identifier: GPL-2.0 */
/* Rule format shared by the data path and the rule compiler. */
#ifndef __ACL_COMMON_H
#define __ACL_COMMON_H

#include <linux/types.h>

#define ACL_V4_MAX_RULES 4096
#define ACL_V6_MAX_RULES 1024

enum acl_action {
	ACL_ACT_PASS = 0,
	ACL_ACT_DROP = 1,
	/* Drop only if protocol and destination port match the rule. */
	ACL_ACT_CHECK_PORTS = 2,
};

/* Slots of the acl_jmp program array. */
enum acl_stage {
	ACL_STAGE_PORTS = 0,
	ACL_STAGE_MAX,
};

/* Counters, indices of acl_counters. */
enum acl_counter {
	ACL_CNT_NO_MATCH = 0,
	ACL_CNT_PREFIX_DROP,
	ACL_CNT_PREFIX_PASS,
	ACL_CNT_PORT_STAGE,
	ACL_CNT_PORT_DROP,
	ACL_CNT_TAIL_CALL_FAILED,
	ACL_CNT_MAX,
};

/* LPM trie key: prefixlen first, then the address in network order. */
struct acl_v4_key {
	__u32 prefixlen;
	__u32 addr;
};

struct acl_v6_key {
	__u32 prefixlen;
	__u32 addr[4];
};

struct acl_rule {
	__u8 action;    /* enum acl_action */
	__u8 proto;     /* 0: any */
	__u16 port_lo;  /* host order, inclusive */
	__u16 port_hi;  /* host order, inclusive */
	__u16 rule_id;
};

/* Handed from the prefix stage to the port stage through acl_scratch. */
struct acl_pkt_meta {
	struct acl_rule rule;
	__u32 saddr;
	__u16 dport; /* host order */
	__u8 proto;
	__u8 pad;
};

/* Sanity check used by the rule compiler's unit tests; the data path
 * trusts the control plane. */
static inline int acl_rule_valid(const struct acl_rule *r)
{
	if (r->action > ACL_ACT_CHECK_PORTS)
		return 0;
	return r->port_lo <= r->port_hi;
}

#endif /* __ACL_COMMON_H */
