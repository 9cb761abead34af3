/* The project's own trimmed copy of the kernel's BPF uAPI header, used with -nostdinc so the
 * system's <linux/bpf.h> never enters: both define struct bpf_insn. */
#ifndef __PROJ_LINUX_BPF_H
#define __PROJ_LINUX_BPF_H

#include <proj_types.h>

struct bpf_insn {
	__u8 code;
	__u8 regs;
	__s16 off;
	__s32 imm;
};

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

#endif
