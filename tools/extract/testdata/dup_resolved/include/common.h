#ifndef DUP_COMMON_H
#define DUP_COMMON_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct addr_pair {
	__u32 src;
	__u32 dst;
};

struct addr6_pair {
	__u8 src[16];
	__u8 dst[16];
};

#endif
