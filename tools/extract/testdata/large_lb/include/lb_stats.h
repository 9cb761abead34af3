#ifndef LB_STATS_H
#define LB_STATS_H

#include "lb_maps.h"

__lb_inline void stats_add(__u32 idx, __u64 v1, __u64 v2)
{
	struct lb_stats *st = bpf_map_lookup_elem(&stats, &idx);

	if (!st)
		return;
	st->v1 += v1;
	st->v2 += v2;
}

__lb_inline void stats_inc(__u32 idx)
{
	stats_add(idx, 1, 0);
}

/* Used by the decap program. */
__lb_inline void stats_reset(__u32 idx)
{
	struct lb_stats zero = {};

	bpf_map_update_elem(&stats, &idx, &zero, BPF_ANY);
}

#endif
