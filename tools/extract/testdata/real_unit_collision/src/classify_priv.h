#ifndef PRIV_H
#define PRIV_H

/* Private to classify.c: same tag and macro names as main_priv.h, other
 * meanings. */
struct state {
	__u64 bytes;
	__u32 flags;
};

#define LIMIT 1500

#endif
