#ifndef DISPATCH_H
#define DISPATCH_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

enum stage {
	STAGE_V4 = 0,
	STAGE_V6 = 1,
	STAGE_MAX,
};

/* Per-packet scratch shared between the dispatcher and its stages. */
struct scratch {
	__u32 l3_off;
	__u32 hits;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch_map SEC(".maps");

static __always_inline struct scratch *get_scratch(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&scratch_map, &zero);
}

static __always_inline int l3_ok(void *l3, __u32 len, void *data_end)
{
	return l3 + len <= data_end;
}

#endif
