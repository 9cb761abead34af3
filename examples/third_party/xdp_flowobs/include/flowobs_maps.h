/* SPDX-License-Identifier: GPL-2.0 */
/* Maps of the XDP flow observer. The flow table and sample channel use the
 * legacy "maps" section (struct bpf_map_def); the configuration array was
 * added later with a BTF definition. */
#ifndef __FLOWOBS_MAPS_H
#define __FLOWOBS_MAPS_H

#include <linux/bpf.h>
#include "bpf_helpers.h"
#include "flow.h"

/* The vendored bpf_helpers.h predates BTF map definitions. */
#ifndef __uint
#define __uint(name, val) int(*name)[val]
#endif
#ifndef __type
#define __type(name, val) typeof(val) *name
#endif

struct bpf_map_def SEC("maps") flow_table = {
	.type = BPF_MAP_TYPE_LRU_HASH,
	.key_size = sizeof(struct flow_key),
	.value_size = sizeof(struct flow_stats),
	.max_entries = FLOW_TABLE_SIZE,
};

/* One perf ring per CPU; user space opens them. */
struct bpf_map_def SEC("maps") flow_samples = {
	.type = BPF_MAP_TYPE_PERF_EVENT_ARRAY,
	.key_size = sizeof(int),
	.value_size = sizeof(__u32),
	.max_entries = 0, /* set to the number of CPUs by the loader */
};

/* Source addresses the collector wants to ignore; never consulted by the
 * data path yet. */
struct bpf_map_def SEC("maps") flow_blocklist = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u8),
	.max_entries = FLOW_BLOCKLIST_SIZE,
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct flowobs_cfg);
} flowobs_config SEC(".maps");

#endif /* __FLOWOBS_MAPS_H */
