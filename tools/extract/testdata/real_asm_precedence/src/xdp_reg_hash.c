// SPDX-License-Identifier: GPL-2.0
/* Counts frames per bucket of a hash of the first eight bytes of the frame. The register
 * type __bpf_reg comes from the project's <asm/types.h>, which the program reaches only
 * through the system <linux/bpf.h> -> <linux/types.h>. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define HASH_BUCKETS 64

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, HASH_BUCKETS);
	__type(key, __u32);
	__type(value, __bpf_reg);
} reg_hash_hits SEC(".maps");

static __always_inline __u32 fold(__bpf_reg v)
{
	v ^= v >> 33;
	v *= 0xff51afd7ed558ccdULL;
	v ^= v >> 29;
	return (__u32)v % HASH_BUCKETS;
}

SEC("xdp")
int xdp_reg_hash(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__bpf_reg *hits;
	__u32 key;

	if (data + sizeof(__bpf_reg) > data_end)
		return XDP_PASS;
	key = fold(*(__bpf_reg *)data);
	hits = bpf_map_lookup_elem(&reg_hash_hits, &key);
	if (hits)
		*hits += 1;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
