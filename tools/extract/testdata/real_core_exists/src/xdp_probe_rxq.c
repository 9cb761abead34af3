// SPDX-License-Identifier: GPL-2.0
/* Counts packets per receive queue when the running kernel's xdp_md has
 * the field (a CO-RE existence check, answered at load time from the
 * kernel's BTF), else in slot 0. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#define MAX_QUEUES 64

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, MAX_QUEUES);
} rxq_packets SEC(".maps");

static __always_inline __u32 queue_of(struct xdp_md *ctx)
{
	if (!bpf_core_field_exists(ctx->rx_queue_index))
		return 0;
	return ctx->rx_queue_index % MAX_QUEUES;
}

SEC("xdp")
int xdp_probe_rxq(struct xdp_md *ctx)
{
	__u32 q = queue_of(ctx);
	__u64 *n = bpf_map_lookup_elem(&rxq_packets, &q);

	if (n)
		*n += 1;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
