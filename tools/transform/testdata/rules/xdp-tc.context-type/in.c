#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct pkt {
	struct xdp_md *ctx; /* struct xdp_md in a comment stays */
	int len;
};

static __always_inline int len_of(const struct xdp_md *ctx)
{
	return ctx->data_end - ctx->data + (int)sizeof(struct xdp_md) * 0;
}

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	struct pkt p = { .ctx = ctx, .len = 0 };
	void *c = ctx;

	p.len = len_of((struct xdp_md *)c);
	return p.len > 100 ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
