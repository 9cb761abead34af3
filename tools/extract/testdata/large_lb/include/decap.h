/* State of the standalone decapsulation program (src/tunnel_strip.c). */
#ifndef LB_DECAP_H
#define LB_DECAP_H

#include "lb_helpers.h"
#include "lb_consts.h"
#include "lb_structs.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, STRIP_MAX_SVCS);
	__type(key, __be32);
	__type(value, struct strip_svc);
} strip_dst SEC(".maps");

__lb_inline int strip_dst_known(__be32 daddr)
{
	struct strip_svc *v = bpf_map_lookup_elem(&strip_dst, &daddr);

	if (!v)
		return 0;
	__sync_fetch_and_add(&v->hits, 1);
	return 1;
}

#endif
