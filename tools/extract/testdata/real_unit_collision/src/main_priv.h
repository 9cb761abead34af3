#ifndef PRIV_H
#define PRIV_H

/* Private to xdp_two.c. */
struct state {
	__u32 seen;
};

#define LIMIT 10

#endif
