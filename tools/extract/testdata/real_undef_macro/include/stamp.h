#ifndef STAMP_H
#define STAMP_H

struct pkt_counts {
	__u64 packets;
	__u64 bytes;
};

struct pkt_times {
	__u64 first_ns;
	__u64 last_ns;
};

/* Accessor macro defined for one helper, then redefined for the next. */
#define SLOT(p) ((p)->packets)
static __attribute__((always_inline)) inline void count_packet(struct pkt_counts *c, __u64 len)
{
	SLOT(c) += 1;
	c->bytes += len;
}
#undef SLOT

#define SLOT(p) ((p)->last_ns)
static __attribute__((always_inline)) inline void stamp_packet(struct pkt_times *t, __u64 now)
{
	if (!t->first_ns)
		t->first_ns = now;
	SLOT(t) = now;
}
#undef SLOT

#endif
