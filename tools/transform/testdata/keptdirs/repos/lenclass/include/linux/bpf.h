/* lenclass's trimmed BPF uAPI: what its XDP program uses. */
#ifndef __LENCLASS_LINUX_BPF_H
#define __LENCLASS_LINUX_BPF_H

#include <linux/types.h>

struct xdp_md {
	__u32 data;
	__u32 data_end;
	__u32 data_meta;
	__u32 ingress_ifindex;
	__u32 rx_queue_index;
	__u32 egress_ifindex;
};

enum xdp_action {
	XDP_ABORTED = 0,
	XDP_DROP,
	XDP_PASS,
	XDP_TX,
	XDP_REDIRECT,
};

#define SEC(name) __attribute__((section(name), used))

#endif
