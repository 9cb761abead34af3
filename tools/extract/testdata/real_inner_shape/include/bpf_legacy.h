/* Old-style helper header carried by the project (written for OPENED in the
 * style of pre-libbpf-1.0 trees): helpers as function pointers, maps as
 * struct bpf_map_def in section "maps". */
#ifndef BPF_LEGACY_H
#define BPF_LEGACY_H

#include <linux/bpf.h>

#define SEC(NAME) __attribute__((section(NAME), used))
#define __hot inline __attribute__((always_inline))

static void *(*bpf_map_lookup_elem)(void *map, const void *key) =
	(void *) BPF_FUNC_map_lookup_elem;
static int (*bpf_map_update_elem)(void *map, const void *key, const void *value,
				  unsigned long long flags) =
	(void *) BPF_FUNC_map_update_elem;
static unsigned long long (*bpf_ktime_get_ns)(void) =
	(void *) BPF_FUNC_ktime_get_ns;
static unsigned int (*bpf_get_smp_processor_id)(void) =
	(void *) BPF_FUNC_get_smp_processor_id;

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

#endif
