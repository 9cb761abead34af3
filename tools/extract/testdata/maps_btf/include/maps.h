#ifndef ROUTER_MAPS_H
#define ROUTER_MAPS_H

#include "router.h"

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, MAX_ROUTES);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct route_key);
	__type(value, struct next_hop);
} routes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_FLOWS);
	__type(key, __u32);
	__type(value, struct flow_state);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, NR_COUNTERS);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

/* Shared with the control-plane daemon, which fills it; pinned by name. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 512);
	__type(key, __u32);
	__type(value, __u8);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} blocklist SEC(".maps");

/* Per-tenant limits: a map of maps, initialised statically. */
struct tenant_limits {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tenant_limit);
};

struct tenant_limits tenant_default SEC(".maps");
struct tenant_limits tenant_spare SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, MAX_TENANTS);
	__type(key, __u32);
	__array(values, struct tenant_limits);
} tenants SEC(".maps") = {
	.values = { [0] = &tenant_default },
};

/* Per-source overrides: the daemon creates one inner map per overridden
 * source address and inserts it; nothing is installed statically. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 64);
	__type(key, __u32);
	__array(values, struct tenant_limits);
} tenant_overrides SEC(".maps");

/* Only the tracing build emits events. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} debug_ring SEC(".maps");

#endif
