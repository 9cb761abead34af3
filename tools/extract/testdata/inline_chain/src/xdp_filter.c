// SPDX-License-Identifier: GPL-2.0
/* Stateless XDP filter: drops flows that have a DROP rule. */
#include "common.h"
#include "parse.h"
#include "stats.h"
#include "maps.h"

#define ACTION_DROP 1

/* Level 0.5: rule lookup, kept in the program file. */
static __always_inline int apply_rules(struct flow_key *key)
{
	struct rule_value *rule = bpf_map_lookup_elem(&filter_rules, key);

	if (!rule)
		return XDP_PASS;
	__sync_fetch_and_add(&rule->hits, 1);
	if (rule->action == ACTION_DROP) {
		count_verdict(SLOT_DROP);
		return XDP_DROP;
	}
	return XDP_PASS;
}

static __always_inline void dump_flow_unused(struct flow_key *key)
{
	bpf_printk("flow %x -> %x", key->saddr, key->daddr);
}

SEC("xdp")
int xdp_filter(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct flow_key key = {};
	int rc;

	rc = parse_packet(data, data_end, &key);
	if (rc < 0) {
		count_verdict(SLOT_MALFORMED);
		return XDP_DROP;
	}
	if (rc > 0) {
		count_verdict(SLOT_OTHER);
		return XDP_PASS;
	}
	rc = apply_rules(&key);
	if (rc == XDP_PASS)
		count_verdict(SLOT_PASS);
	return rc;
}

char _license[] SEC("license") = "GPL";
