#ifndef FLOW_H
#define FLOW_H

/* The key and the state enum are defined inside the record that holds
 * them; in C both have file scope and are used on their own below. */
struct flow_rec {
	struct flow_key {
		__u32 saddr;
		__u32 daddr;
		__u16 sport;
		__u16 dport;
	} key;
	enum flow_state {
		FLOW_NEW = 1,
		FLOW_EST = 2,
	} state;
	__u64 packets;
};

#endif
