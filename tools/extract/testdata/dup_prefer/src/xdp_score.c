// SPDX-License-Identifier: GPL-2.0
/* Drops packets whose score reaches the threshold. Sees only the prototype
 * of score_packet. */
#include "score.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} score_drops SEC(".maps");

SEC("xdp")
int xdp_score(struct xdp_md *ctx)
{
	__u32 score = 0, zero = 0;
	__u64 *drops;

	if (score_packet(ctx, &score) < 0)
		return XDP_ABORTED;
	if (score < SCORE_DROP_THRESHOLD)
		return XDP_PASS;
	drops = bpf_map_lookup_elem(&score_drops, &zero);
	if (drops)
		__sync_fetch_and_add(drops, 1);
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
