// Tail trim at XDP: IPv4 frames longer than their IP total length lose the trailing padding
// (bpf_xdp_adjust_tail shrinks); frames shorter than it are dropped; with bpf_xdp_load_bytes
// and bpf_xdp_store_bytes the TTL is decremented.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} trimmed_bytes SEC(".maps");

SEC("xdp")
int trim_main(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	__u32 key = 0, want, have;
	__u8 ttl;
	__u64 *n;

	if ((void *)(iph + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	want = sizeof(*eth) + bpf_ntohs(iph->tot_len);
	have = data_end - data;
	if (want > have)
		return XDP_DROP;
	if (bpf_xdp_load_bytes(ctx, sizeof(*eth) + 8, &ttl, 1))
		return XDP_ABORTED;
	if (ttl > 1) {
		ttl--;
		if (bpf_xdp_store_bytes(ctx, sizeof(*eth) + 8, &ttl, 1))
			return XDP_ABORTED;
	}
	if (want < have) {
		if (bpf_xdp_adjust_tail(ctx, (int)want - (int)have))
			return XDP_ABORTED;
		n = bpf_map_lookup_elem(&trimmed_bytes, &key);
		if (n)
			*n += have - want;
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
