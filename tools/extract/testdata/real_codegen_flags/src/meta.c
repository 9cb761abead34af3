// Packet metadata built from an embedded base struct (Microsoft C extension).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct meta_base {
	__u32 len;
	__u32 ifindex;
};

struct pkt_meta {
	struct meta_base;	/* embedded: fields used as m.len, m.ifindex */
	__u32 flags;
};

static __always_inline void fill_meta(struct xdp_md *ctx, struct pkt_meta *m)
{
	m->len = ctx->data_end - ctx->data;
	m->ifindex = ctx->ingress_ifindex;
	m->flags = 0;
}

static __always_inline int unused_meta(struct pkt_meta *m)
{
	return m->flags;
}

SEC("xdp")
int xdp_meta_len(struct xdp_md *ctx)
{
	struct pkt_meta m = {};

	fill_meta(ctx, &m);
	return m.len > 1500 ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
