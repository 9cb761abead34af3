/* Health-check forwarding (tc egress, src/healthcheck_kern.c). */
#ifndef LB_HEALTHCHECK_H
#define LB_HEALTHCHECK_H

#include <linux/pkt_cls.h>
#include "lb_helpers.h"
#include "lb_consts.h"
#include "lb_structs.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, HC_MAX_SERVICES);
	__type(key, __u32);
	__type(value, struct hc_real_definition);
} hc_reals_map SEC(".maps");

__lb_inline struct hc_real_definition *hc_lookup(__u32 mark)
{
	return bpf_map_lookup_elem(&hc_reals_map, &mark);
}

#endif
