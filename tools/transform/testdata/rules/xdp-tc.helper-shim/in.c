#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define GROW(c, n) bpf_xdp_adjust_head(c, -(n))

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	__u8 b[4];

	if (GROW(ctx, 4) || bpf_xdp_adjust_head(ctx, 4))
		return XDP_ABORTED;
	if (bpf_xdp_adjust_tail(ctx, -2) || bpf_xdp_load_bytes(ctx, 0, b, 4) || bpf_xdp_store_bytes(ctx, 2, b, 2))
		return XDP_ABORTED;
	if (bpf_xdp_get_buff_len(ctx) > 1000)
		return bpf_redirect(2, 0);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
