#ifndef DDOS_MAPS_H
#define DDOS_MAPS_H

#include "ddos.h"

struct bpf_map_def SEC("maps") rxcnt = {
	.type = BPF_MAP_TYPE_PERCPU_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = STAT_SLOTS,
};

struct bpf_map_def SEC("maps") blacklist = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 10000,
	.map_flags = BPF_F_NO_PREALLOC,
};

struct bpf_map_def SEC("maps") rate = {
	.type = BPF_MAP_TYPE_LRU_HASH,
	.key_size = sizeof(__u32),
	.value_size = sizeof(struct rate_state),
	.max_entries = 65536,
};

/* Outer map: one inner port set per protected service. The loader daemon
 * creates the inner maps (hash, key __u16 port, value __u8) and inserts them;
 * nothing in this repository describes the inner map. */
struct bpf_map_def SEC("maps") port_sets = {
	.type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u32),
	.max_entries = 8,
};

/* Statistics of an old release; no code refers to it any more. */
struct bpf_map_def SEC("maps") old_stats = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 1,
};

#endif
