/* Helper header of an old samples/bpf-style tree (written for OPENED): the
 * ELF loader reads struct bpf_map_def from section "maps", in definition
 * order; a map of maps names its inner map template by that position
 * (inner_map_idx), and the loader creates the template first. */
#ifndef BPF_LOAD_DEFS_H
#define BPF_LOAD_DEFS_H

#include <linux/bpf.h>

#define SEC(NAME) __attribute__((section(NAME), used))

static void *(*bpf_map_lookup_elem)(void *map, const void *key) =
	(void *) BPF_FUNC_map_lookup_elem;

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
	unsigned int inner_map_idx;
	unsigned int numa_node;
};

#endif
