#ifndef DECAP_H
#define DECAP_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define DECAP_OK 0
#define DECAP_SKIP 1
#define DECAP_ERR -1

struct decap_stats {
	__u64 ipip;
	__u64 gue;
	__u64 udp_other;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct decap_stats);
} decap_counters SEC(".maps");

static __always_inline struct decap_stats *stats(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&decap_counters, &zero);
}

/* Strip the outer IPv4 header of an IPIP packet. */
static __always_inline int decap_ipip(struct xdp_md *ctx)
{
	struct decap_stats *st = stats();

	if (bpf_xdp_adjust_head(ctx, (int)sizeof(struct iphdr)))
		return DECAP_ERR;
	if (st)
		st->ipip++;
	return DECAP_OK;
}

#endif
