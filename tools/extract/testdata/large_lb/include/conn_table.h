/* Connection table: remembers which real a flow was sent to. */
#ifndef LB_CONN_TABLE_H
#define LB_CONN_TABLE_H

#include "lb_maps.h"
#include "lb_stats.h"

__lb_inline int connection_table_lookup(struct real_definition **real,
					struct packet_description *pckt,
					void *lru_map)
{
	struct real_pos_lru *dst_lru;
	__u32 key;

	dst_lru = bpf_map_lookup_elem(lru_map, &pckt->flow);
	if (!dst_lru)
		return 0;
	if (pckt->flow.proto == IPPROTO_UDP &&
	    bpf_ktime_get_ns() - dst_lru->atime > LRU_TIMEOUT_NS)
		return 0;
	dst_lru->atime = bpf_ktime_get_ns();
	key = dst_lru->pos;
	pckt->real_index = key;
	*real = bpf_map_lookup_elem(&reals, &key);
	return *real != 0;
}

__lb_inline void update_conn_table(struct packet_description *pckt, void *lru_map)
{
	struct real_pos_lru new_dst_lru = {};

	new_dst_lru.pos = pckt->real_index;
	new_dst_lru.atime = bpf_ktime_get_ns();
	bpf_map_update_elem(lru_map, &pckt->flow, &new_dst_lru, BPF_ANY);
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
	void *lru_map = bpf_map_lookup_elem(&conn_tables, &cpu);

	if (!lru_map) {
		lru_map = &fallback_cache;
		stats_inc(STATS_LRU_FALLBACK);
	}
	return lru_map;
}

#endif
