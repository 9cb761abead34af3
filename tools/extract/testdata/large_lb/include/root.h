/* Root program: chains XDP programs through a prog array (src/xdp_root.c). */
#ifndef LB_ROOT_H
#define LB_ROOT_H

#include "lb_helpers.h"

#define ROOT_ARRAY_SIZE 3

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, ROOT_ARRAY_SIZE);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} root_array SEC(".maps");

#endif
