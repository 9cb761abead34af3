/* Per-flow debug records, compiled only with -DLB_DEBUG. */
#ifndef LB_FLOW_DEBUG_H
#define LB_FLOW_DEBUG_H

#include "lb_helpers.h"
#include "lb_structs.h"

#ifdef LB_DEBUG
struct flow_debug_info {
	__u32 real_index;
	__u8 hops;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1024);
	__type(key, struct flow_key);
	__type(value, struct flow_debug_info);
} flow_debug_map SEC(".maps");

__lb_inline void gather_flow_debug(struct pkt_desc *pd)
{
	struct flow_debug_info info = { .real_index = pd->real_index };

	bpf_map_update_elem(&flow_debug_map, &pd->flow, &info, BPF_ANY);
}
#define FLOW_DEBUG(pd) gather_flow_debug(pd)
#else
#define FLOW_DEBUG(pd) do {} while (0)
#endif

#endif
