#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	__u32 q = ctx->rx_queue_index;
	__u32 in = ctx->ingress_ifindex;
	__u32 out = ctx->egress_ifindex;

	return q + in + out + (ctx->data_meta < ctx->data) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
