/* Definitions shared by the BPF programs and their user-space loaders. */
#ifndef LESSONS_COMMON_KERN_USER_H
#define LESSONS_COMMON_KERN_USER_H

#include <linux/types.h>
#include <linux/bpf.h>

struct datarec {
	__u64 rx_packets;
	__u64 rx_bytes;
};

#define XDP_ACTION_MAX (XDP_REDIRECT + 1)

#endif
