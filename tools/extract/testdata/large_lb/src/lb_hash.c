// SPDX-License-Identifier: GPL-2.0
/* Flow hashing, kept out of line as a BPF-to-BPF function so that its
 * instructions are verified once. */
#include "lb_helpers.h"
#include "lb_consts.h"
#include "lb_structs.h"
#include "mixhash.h"

__lb_inline __u32 hash_v6_flow(struct flow_key *flow)
{
	return mix5(flow->srcv6, flow->ports, INIT_JHASH_SEED_V6);
}

__attribute__((noinline)) __u32 lb_flow_hash(struct flow_key *flow, __u32 is_ipv6)
{
	if (!flow)
		return 0;
	if (is_ipv6)
		return hash_v6_flow(flow);
	return mix2(flow->src, flow->ports, INIT_JHASH_SEED);
}

/* Hash of the destination only; kept for a future ring layout. */
__attribute__((noinline)) __u32 lb_dst_hash(struct flow_key *flow)
{
	if (!flow)
		return 0;
	return mix1(flow->dst, INIT_JHASH_SEED);
}
