#ifndef LB_MAPS_H
#define LB_MAPS_H

#include "meta.h"

struct class_counters_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
};

/* Defined once in src/maps.c, referenced from the program file. */
extern struct class_counters_map class_counters SEC(".maps");

#endif
