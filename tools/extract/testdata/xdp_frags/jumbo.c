// SPDX-License-Identifier: GPL-2.0
/* Multi-buffer XDP (section "xdp.frags"): reads headers with
 * bpf_xdp_load_bytes so that it works for jumbo frames split over several
 * buffers, and logs oversized frames with bpf_printk. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define JUMBO_MTU 9000

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} frame_sizes SEC(".maps");

static __always_inline void add_bytes(__u32 slot, __u64 len)
{
	__u64 *v = bpf_map_lookup_elem(&frame_sizes, &slot);

	if (v)
		*v += len;
}

__attribute__((section("xdp.frags"), used))
int xdp_jumbo(struct xdp_md *ctx)
{
	__u64 len = bpf_xdp_get_buff_len(ctx);
	struct ethhdr eth;
	struct iphdr iph;

	if (bpf_xdp_load_bytes(ctx, 0, &eth, sizeof(eth)) ||
	    eth.h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if (bpf_xdp_load_bytes(ctx, sizeof(eth), &iph, sizeof(iph)))
		return XDP_DROP;
	if (len > JUMBO_MTU + sizeof(eth)) {
		bpf_printk("oversized frame: %llu bytes from %x", len, iph.saddr);
		return XDP_DROP;
	}
	add_bytes(len > 1514, len);
	return XDP_PASS;
}

/* The single-buffer variant, attached where frags are off. */
SEC("xdp")
int xdp_small(struct xdp_md *ctx)
{
	add_bytes(0, ctx->data_end - ctx->data);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
