// SPDX-License-Identifier: GPL-2.0
/* Lesson 2: same program name, now with per-action byte statistics. */
#include "../common/common.h"
#include "shared_defs.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, ACTION_SLOTS);
	__type(key, __u32);
	__type(value, struct pkt_counter);
} action_stats SEC(".maps");

static __always_inline __u32 count_pkt(struct xdp_md *ctx, __u32 action)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct pkt_counter *rec;

	if (action >= ACTION_SLOTS)
		return XDP_ABORTED;
	rec = bpf_map_lookup_elem(&action_stats, &action);
	if (!rec)
		return XDP_ABORTED;
	rec->packets++;
	rec->octets += data_end - data;
	return action;
}

SEC("xdp")
int xdp_lesson_entry(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = (void *)(long)ctx->data;
	__u32 action = XDP_PASS;

	if ((void *)(eth + 1) > data_end)
		action = XDP_DROP;
	return count_pkt(ctx, action);
}

char _license[] SEC("license") = "GPL";
