/* Consistent hashing: flow -> ring slot -> real index. */
#ifndef LB_CH_HASH_H
#define LB_CH_HASH_H

#include "lb_maps.h"
#include "jhash.h"

/* Defined in src/lb_hash.c as a separate BPF function. */
__u32 lb_flow_hash(struct flow_key *flow, __u32 is_ipv6);

__lb_inline __u32 get_packet_hash(struct packet_description *pckt, int is_ipv6,
				  __u32 vip_flags)
{
	if (vip_flags & F_HASH_NO_SRC_PORT)
		pckt->flow.port16[0] = 0;
	if (vip_flags & F_HASH_DPORT_ONLY)
		return jhash_2words(pckt->flow.port16[1], 0, INIT_JHASH_SEED);
	return lb_flow_hash(&pckt->flow, is_ipv6);
}

__lb_inline int get_packet_dst(struct real_definition **real,
			       struct packet_description *pckt,
			       struct vip_meta *vip_info, int is_ipv6)
{
	__u32 hash = get_packet_hash(pckt, is_ipv6, vip_info->flags);
	__u32 key = CH_RING_SIZE * (vip_info->vip_num % MAX_VIPS) + hash % CH_RING_SIZE;
	__u32 *real_pos;

	real_pos = bpf_map_lookup_elem(&ch_rings, &key);
	if (!real_pos)
		return 0;
	pckt->real_index = *real_pos;
	*real = bpf_map_lookup_elem(&reals, &pckt->real_index);
	return *real != 0;
}

#endif
