// SPDX-License-Identifier: GPL-2.0
/* Passes traffic only on the CPUs user space allows. The map has no
 * max_entries: the loader sizes it to the number of CPUs
 * (bpf_map__set_max_entries) before loading, then fills it. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
} cpu_allowed SEC(".maps");

SEC("xdp")
int xdp_cpu_gate(struct xdp_md *ctx)
{
	__u32 cpu = bpf_get_smp_processor_id();
	__u32 *ok = bpf_map_lookup_elem(&cpu_allowed, &cpu);

	return ok && *ok ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
