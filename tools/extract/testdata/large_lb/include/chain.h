/* Root program: chains XDP programs through a prog array (src/chain_root.c). */
#ifndef LB_ROOT_H
#define LB_ROOT_H

#include "lb_helpers.h"

#define CHAIN_SLOTS 3

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, CHAIN_SLOTS);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} chain_progs SEC(".maps");

#endif
