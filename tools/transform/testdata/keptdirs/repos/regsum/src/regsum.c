// SPDX-License-Identifier: GPL-2.0
/* Sums frame bytes per class (the low two bits of the first byte) and passes every frame.
 * __regsum_ctr comes from the project's <asm/types.h>, which only the system
 * <linux/types.h> includes. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define REGSUM_CLASSES 4

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, REGSUM_CLASSES);
	__type(key, __u32);
	__type(value, __regsum_ctr);
} regsum_bytes SEC(".maps");

static __always_inline __u32 regsum_class(__u8 first)
{
	return first & (REGSUM_CLASSES - 1);
}

SEC("xdp")
int xdp_regsum(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__regsum_ctr *sum;
	__u32 key;

	if (data + 1 > data_end)
		return XDP_PASS;
	key = regsum_class(*(__u8 *)data);
	sum = bpf_map_lookup_elem(&regsum_bytes, &key);
	if (sum)
		*sum += (__regsum_ctr)(data_end - data);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
