// SPDX-License-Identifier: GPL-2.0
/* Behaves differently by kernel version, which libbpf-style loaders fill
 * in from the running kernel (__kconfig), and records whether a kernel
 * symbol exists (__ksym __weak: zero when it does not). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define KV(a, b, c) (((a) << 16) + ((b) << 8) + (c))

extern int LINUX_KERNEL_VERSION __kconfig;
extern void bpf_prog_put __ksym __weak;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2);
} facts SEC(".maps");

static __always_inline void note(__u32 slot, __u64 v)
{
	bpf_map_update_elem(&facts, &slot, &v, BPF_ANY);
}

SEC("xdp")
int xdp_kver(struct xdp_md *ctx)
{
	note(0, LINUX_KERNEL_VERSION);
	note(1, &bpf_prog_put != 0);
	return LINUX_KERNEL_VERSION >= KV(5, 10, 0) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
