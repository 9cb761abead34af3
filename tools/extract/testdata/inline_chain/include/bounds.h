#ifndef FILTER_BOUNDS_H
#define FILTER_BOUNDS_H

#include "common.h"

/* Level 4: the bottom of every parsing chain. */
static __always_inline int room_for(void *pos, __u64 len, void *data_end)
{
	return pos + len <= data_end;
}

/* Never called from the XDP path. */
static __always_inline int room_for_vlan_stack(void *pos, int depth, void *data_end)
{
	return pos + depth * 4 <= data_end;
}

#endif
