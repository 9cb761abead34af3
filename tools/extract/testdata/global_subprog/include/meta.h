#ifndef LB_META_H
#define LB_META_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define CLASS_UNKNOWN 0
#define CLASS_WEB 1
#define CLASS_DNS 2
#define CLASS_DEBUG_ONLY 99

struct pkt_meta {
	__u32 daddr;
	__u16 dport;
	__u8 proto;
	__u8 class;
};

/* Used by both units (src/xdp_lb.c and src/classify.c): one definition. */
static __always_inline int class_valid(int class)
{
	return class >= CLASS_UNKNOWN && class <= CLASS_DNS;
}

/* Defined in src/classify.c; a real BPF-to-BPF call, verified on its own. */
int classify_flow(struct xdp_md *ctx, struct pkt_meta *meta);

/* Also in src/classify.c; no program calls it. */
int classify_debug(struct xdp_md *ctx);

#endif
