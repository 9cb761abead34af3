#ifndef FILTER_STATS_H
#define FILTER_STATS_H

#include "common.h"
#include "maps.h"

static __always_inline void count_verdict(__u32 slot)
{
	__u64 *cnt = bpf_map_lookup_elem(&filter_stats, &slot);

	if (cnt)
		*cnt += 1;
}

static __always_inline void reset_verdicts(void)
{
	__u32 slot = SLOT_PASS;
	__u64 zero = 0;

	bpf_map_update_elem(&filter_stats, &slot, &zero, BPF_ANY);
}

#endif
