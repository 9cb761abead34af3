/* SPDX-License-Identifier: GPL-2.0 */
/* BTF-defined maps of the decapsulator. */
#ifndef __DECAP_MAPS_H
#define __DECAP_MAPS_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "decap_consts.h"
#include "decap_structs.h"

/* Per-CPU packet/byte counters indexed by enum decap_stat_idx. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, __DECAP_STAT_MAX);
	__type(key, __u32);
	__type(value, struct decap_stat);
} decap_stats SEC(".maps");

/* Outer destinations we accept to decapsulate; consulted only when
 * built with -DDECAP_STRICT_DST. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_OUTER_DST);
	__type(key, __u32);
	__type(value, __u32);
} allowed_outer_dst SEC(".maps");

/* Reserved for decap tracing; no program writes to it yet. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 16);
} decap_events SEC(".maps");

#endif /* __DECAP_MAPS_H */
