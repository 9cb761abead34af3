/* Lesson 1: shared with the lesson's loader. */
#ifndef COMMON_KERN_USER_H
#define COMMON_KERN_USER_H

#include <linux/types.h>

struct pkt_counter {
	__u64 packets;
};

#endif
