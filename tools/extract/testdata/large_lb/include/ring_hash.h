/* Consistent hashing: flow -> ring slot -> real index. */
#ifndef LB_CH_HASH_H
#define LB_CH_HASH_H

#include "lb_maps.h"
#include "mixhash.h"

/* Defined in src/lb_hash.c as a separate BPF function. */
__u32 lb_flow_hash(struct flow_key *flow, __u32 is_ipv6);

__lb_inline __u32 flow_hash_of(struct pkt_desc *pd, int is_ipv6,
				  __u32 vip_flags)
{
	if (vip_flags & SVC_F_NO_SPORT)
		pd->flow.port16[0] = 0;
	if (vip_flags & SVC_F_DPORT_HASH)
		return mix2(pd->flow.port16[1], 0, INIT_JHASH_SEED);
	return lb_flow_hash(&pd->flow, is_ipv6);
}

__lb_inline int resolve_backend(struct backend **real,
			       struct pkt_desc *pd,
			       struct svc_meta *vip_info, int is_ipv6)
{
	__u32 hash = flow_hash_of(pd, is_ipv6, vip_info->flags);
	__u32 key = CH_RING_SIZE * (vip_info->vip_num % LB_MAX_SVCS) + hash % CH_RING_SIZE;
	__u32 *real_pos;

	real_pos = bpf_map_lookup_elem(&backend_ring, &key);
	if (!real_pos)
		return 0;
	pd->real_index = *real_pos;
	*real = bpf_map_lookup_elem(&backends, &pd->real_index);
	return *real != 0;
}

#endif
