// SPDX-License-Identifier: GPL-2.0
/* The pipeline's programs. This file is not built on its own: the main
 * files #include it (after choosing the hook with -D flags) and carry the
 * license. It still compiles alone, as many such files do. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} arp_seen SEC(".maps");

static __always_inline void sample_packet(struct xdp_md *ctx, __u16 proto)
{
	__u32 key = 0;
	__u64 *n = bpf_map_lookup_elem(&arp_seen, &key);

	if (n && (++*n & 0xff) == 1)
		/* bpf_trace_printk is GPL-only: the object needs a GPL license. */
		bpf_printk("arp: proto %x len %d", proto, ctx->data_end - ctx->data);
}

SEC("xdp")
int xdp_sampler(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	if (eth->h_proto == bpf_htons(ETH_P_ARP))
		sample_packet(ctx, eth->h_proto);
	return XDP_PASS;
}
