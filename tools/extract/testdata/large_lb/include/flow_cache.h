/* Connection table: remembers which real a flow was sent to. */
#ifndef LB_CONN_TABLE_H
#define LB_CONN_TABLE_H

#include "lb_maps.h"
#include "lb_stats.h"

__lb_inline int flow_cache_lookup(struct backend **real,
					struct pkt_desc *pd,
					void *lru_map)
{
	struct backend_lru_val *dst_lru;
	__u32 key;

	dst_lru = bpf_map_lookup_elem(lru_map, &pd->flow);
	if (!dst_lru)
		return 0;
	if (pd->flow.proto == IPPROTO_UDP &&
	    bpf_ktime_get_ns() - dst_lru->atime > LRU_TIMEOUT_NS)
		return 0;
	dst_lru->atime = bpf_ktime_get_ns();
	key = dst_lru->pos;
	pd->real_index = key;
	*real = bpf_map_lookup_elem(&backends, &key);
	return *real != 0;
}

__lb_inline void flow_cache_store(struct pkt_desc *pd, void *lru_map)
{
	struct backend_lru_val new_dst_lru = {};

	new_dst_lru.pos = pd->real_index;
	new_dst_lru.atime = bpf_ktime_get_ns();
	bpf_map_update_elem(lru_map, &pd->flow, &new_dst_lru, BPF_ANY);
	stats_inc(STATS_NEW_CONN);
}

/* Administrative flush, called from the health-check program. */
__lb_inline void conn_table_forget(void *lru_map, struct flow_key *flow)
{
	bpf_map_delete_elem(lru_map, flow);
}

/* This CPU's connection table, or the shared fallback. */
__lb_inline void *get_lru_map(void)
{
	__u32 cpu = bpf_get_smp_processor_id();
	void *lru_map = bpf_map_lookup_elem(&flow_caches, &cpu);

	if (!lru_map) {
		lru_map = &lru_fallback;
		stats_inc(STATS_LRU_FALLBACK);
	}
	return lru_map;
}

#endif
