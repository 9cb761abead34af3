#include "nf.h"

SEC("xdp")
int xdp_nf(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	switch (nf_decide(data, data_end, data_end - data)) {
	case NF_DROP:
		return XDP_DROP;
	case NF_BOUNCE:
		return XDP_TX;
	default:
		return XDP_PASS;
	}
}

char _license[] SEC("license") = "GPL";
