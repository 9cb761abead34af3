#ifndef FILTER_L4_H
#define FILTER_L4_H

#include "common.h"
#include "bounds.h"

/* Level 3: transport ports. */
static __always_inline int parse_ports(void *l4, void *data_end, __u8 proto,
				       struct flow_key *key)
{
	if (proto == IPPROTO_TCP) {
		struct tcphdr *th = l4;

		if (!room_for(th, sizeof(*th), data_end))
			return -1;
		key->sport = th->source;
		key->dport = th->dest;
		return 0;
	}
	if (proto == IPPROTO_UDP) {
		struct udphdr *uh = l4;

		if (!room_for(uh, sizeof(*uh), data_end))
			return -1;
		key->sport = uh->source;
		key->dport = uh->dest;
		return 0;
	}
	return 0;
}

#endif
