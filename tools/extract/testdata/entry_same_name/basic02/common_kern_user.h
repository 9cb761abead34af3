/* Lesson 2: same file name and struct name as lesson 1, more fields. */
#ifndef COMMON_KERN_USER_H
#define COMMON_KERN_USER_H

#include <linux/types.h>
#include <linux/bpf.h>

struct datarec {
	__u64 rx_packets;
	__u64 rx_bytes;
};

#define XDP_ACTION_MAX (XDP_REDIRECT + 1)

#endif
