// SPDX-License-Identifier: GPL-2.0
/* XDP ACL. Stage 1 (xdp_acl_main) looks the IPv4 source up in an LPM trie
 * of prefixes; a rule either passes, drops, or asks for a port check,
 * which stage 2 (acl_port_stage, reached by tail call) performs with the
 * global function acl_port_match from acl_ports.c. Unmatched traffic and
 * failed tail calls pass (fail-open). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "acl_common.h"
#include "acl_maps.h"
#include "acl_parse.h"
#include "acl_ports.h"

int acl_port_stage(struct xdp_md *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, ACL_STAGE_MAX);
	__type(key, __u32);
	__array(values, int(struct xdp_md *));
} acl_jmp SEC(".maps") = {
	.values = {
		[ACL_STAGE_PORTS] = (void *)&acl_port_stage,
	},
};

static __always_inline void acl_count(__u32 idx)
{
	__u64 *cnt = bpf_map_lookup_elem(&acl_counters, &idx);

	if (cnt)
		*cnt += 1;
}

static __always_inline struct acl_rule *acl_lookup_v4(__u32 saddr)
{
	struct acl_v4_key key = {
		.prefixlen = 32,
		.addr = saddr,
	};

	return bpf_map_lookup_elem(&acl_v4, &key);
}

static __always_inline int acl_to_port_stage(struct xdp_md *ctx, struct acl_pkt_meta *meta,
					     const struct acl_rule *rule)
{
	__u32 zero = 0;
	struct acl_pkt_meta *scratch = bpf_map_lookup_elem(&acl_scratch, &zero);

	if (!scratch)
		return XDP_PASS;
	*scratch = *meta;
	scratch->rule = *rule;
	bpf_tail_call(ctx, &acl_jmp, ACL_STAGE_PORTS);
	acl_count(ACL_CNT_TAIL_CALL_FAILED);
	return XDP_PASS;
}

SEC("xdp")
int xdp_acl_main(struct xdp_md *ctx)
{
	struct acl_pkt_meta meta = {};
	struct acl_rule *rule;

	if (acl_parse_v4(ctx, &meta) < 0)
		return XDP_PASS;

	rule = acl_lookup_v4(meta.saddr);
	if (!rule) {
		acl_count(ACL_CNT_NO_MATCH);
		return XDP_PASS;
	}

	switch (rule->action) {
	case ACL_ACT_DROP:
		acl_count(ACL_CNT_PREFIX_DROP);
		return XDP_DROP;
	case ACL_ACT_CHECK_PORTS:
		return acl_to_port_stage(ctx, &meta, rule);
	default:
		acl_count(ACL_CNT_PREFIX_PASS);
		return XDP_PASS;
	}
}

SEC("xdp")
int acl_port_stage(struct xdp_md *ctx)
{
	__u32 zero = 0;
	struct acl_pkt_meta *scratch = bpf_map_lookup_elem(&acl_scratch, &zero);
	struct acl_rule rule;

	acl_count(ACL_CNT_PORT_STAGE);
	if (!scratch)
		return XDP_PASS;
	rule = scratch->rule;
	if (acl_port_match(&rule, scratch->proto, scratch->dport)) {
		acl_count(ACL_CNT_PORT_DROP);
		return XDP_DROP;
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
