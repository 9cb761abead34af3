#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* A program with its section and another one it tail-calls. */
SEC("xdp")
int second(struct xdp_md *ctx)
{
	return XDP_TX;
}

SEC("xdp") int prog(struct xdp_md *ctx)
{
	return ctx->data_end - ctx->data > 60 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
