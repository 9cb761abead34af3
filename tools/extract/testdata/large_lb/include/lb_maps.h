/* Maps of the balancer program. */
#ifndef LB_MAPS_H
#define LB_MAPS_H

#include "lb_helpers.h"
#include "lb_consts.h"
#include "lb_structs.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, LB_MAX_SVCS);
	__type(key, struct svc_key);
	__type(value, struct svc_meta);
} svc_map SEC(".maps");

/* Connection table: one LRU per CPU, created and inserted by user space,
 * plus a fallback LRU for CPUs that have none. */
struct lru_inner {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, LB_LRU_SIZE);
	__type(key, struct flow_key);
	__type(value, struct backend_lru_val);
};

/* Defined before flow_caches: clang emits complete key/value types for a
 * map struct the first time it meets it in a .maps variable; met first as
 * the __array() element, they would be forward declarations. */
struct lru_inner lru_fallback SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, LB_MAX_CPUS);
	__type(key, __u32);
	__array(values, struct lru_inner);
} flow_caches SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, BACKEND_RING_SIZE);
	__type(key, __u32);
	__type(value, __u32);
} backend_ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, LB_MAX_BACKENDS);
	__type(key, __u32);
	__type(value, struct backend);
} backends SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, LB_STAT_SLOTS);
	__type(key, __u32);
	__type(value, struct lb_stats);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CTL_ARRAY_SIZE);
	__type(key, __u32);
	__type(value, struct lb_ctl_val);
} lb_ctl SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, LB_MAX_QUIC_BACKENDS);
	__type(key, __u32);
	__type(value, __u32);
} quic_mapping SEC(".maps");

#endif
