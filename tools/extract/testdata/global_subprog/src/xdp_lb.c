// SPDX-License-Identifier: GPL-2.0
/* XDP entry: calls a global subprogram that lives in another file. */
#include "meta.h"
#include "maps.h"

static __always_inline void bump(__u32 class)
{
	__u64 *cnt = bpf_map_lookup_elem(&class_counters, &class);

	if (cnt)
		__sync_fetch_and_add(cnt, 1);
}

SEC("xdp")
int xdp_lb_entry(struct xdp_md *ctx)
{
	struct pkt_meta meta = {};
	int class;

	class = classify_flow(ctx, &meta);
	if (class < 0 || !class_valid(class))
		return XDP_DROP;
	bump(class & 3);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
