/* Maps of the load balancer. The daemon builds one consistent-hash ring per
 * service (an inner hash from ring position to backend) and one connection
 * table per CPU (an inner LRU hash), and inserts them into the outer maps;
 * nothing here declares the inner maps. */
#ifndef LB_MAPS_H
#define LB_MAPS_H

#include "lb_types.h"

#define MAX_SERVICES 256
#define MAX_CPUS 128

struct bpf_map_def SEC("maps") svc_rings = {
	.type = BPF_MAP_TYPE_HASH_OF_MAPS,
	.key_size = sizeof(struct svc_key),
	.value_size = sizeof(__u32),
	.max_entries = MAX_SERVICES,
};

struct bpf_map_def SEC("maps") conn_tables = {
	.type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u32),
	.max_entries = MAX_CPUS,
};

/* Used when the daemon has not installed a table for this CPU yet. */
struct bpf_map_def SEC("maps") fallback_conns = {
	.type = BPF_MAP_TYPE_LRU_HASH,
	.key_size = sizeof(struct flow),
	.value_size = sizeof(struct conn),
	.max_entries = 4096,
};

struct bpf_map_def SEC("maps") lb_stats = {
	.type = BPF_MAP_TYPE_PERCPU_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 4,
};

#endif
