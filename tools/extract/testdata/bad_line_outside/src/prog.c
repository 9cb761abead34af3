// SPDX-License-Identifier: GPL-2.0
/* A valid program; the case names an entry that does not exist in it. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define PASS_ALL XDP_PASS

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} pkts SEC(".maps");

SEC("xdp")
int xdp_pass_count(struct xdp_md *ctx)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&pkts, &zero);

	if (n)
		__sync_fetch_and_add(n, 1);
	return PASS_ALL;
}

char _license[] SEC("license") = "GPL";
