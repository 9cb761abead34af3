/* Health-check forwarding (tc egress, src/probe_encap.c). */
#ifndef LB_HEALTHCHECK_H
#define LB_HEALTHCHECK_H

#include <linux/pkt_cls.h>
#include "lb_helpers.h"
#include "lb_consts.h"
#include "lb_structs.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, PROBE_MAX_SVCS);
	__type(key, __u32);
	__type(value, struct probe_target);
} probe_targets SEC(".maps");

__lb_inline struct probe_target *probe_lookup(__u32 mark)
{
	return bpf_map_lookup_elem(&probe_targets, &mark);
}

#endif
