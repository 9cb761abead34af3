#ifndef FILTER_MAPS_H
#define FILTER_MAPS_H

#include "common.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, FILTER_MAX_RULES);
	__type(key, struct flow_key);
	__type(value, struct rule_value);
} filter_rules SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, FILTER_STATS_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} filter_stats SEC(".maps");

/* Left over from an older version of the filter; nothing reads it. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tunnel_cfg);
} legacy_counters SEC(".maps");

#endif
