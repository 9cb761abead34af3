// SPDX-License-Identifier: GPL-2.0
#include "maps.h"

struct class_counters_map class_counters SEC(".maps");

/* Declared for a tracing build; the XDP object never touches it. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} class_events SEC(".maps");
