/* Lesson 2: same file name and struct name as lesson 1, more fields. */
#ifndef COMMON_KERN_USER_H
#define COMMON_KERN_USER_H

#include <linux/types.h>
#include <linux/bpf.h>

struct pkt_counter {
	__u64 packets;
	__u64 octets;
};

#define ACTION_SLOTS (XDP_REDIRECT + 1)

#endif
