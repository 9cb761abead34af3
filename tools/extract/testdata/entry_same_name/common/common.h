/* Shared by every lesson of this tutorial-style repository. */
#ifndef LESSONS_COMMON_H
#define LESSONS_COMMON_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct datarec {
	__u64 rx_packets;
	__u64 rx_bytes;
};

#define XDP_ACTION_MAX (XDP_REDIRECT + 1)

#endif
