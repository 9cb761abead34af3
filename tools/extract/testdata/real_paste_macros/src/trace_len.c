// Macros reached only through token pasting: np_printk with five arguments expands through
// np_apply/np_concat to np_fill5 (and np_fill4 ... np_fill1), PATH(...) to np_path3.
#include <linux/bpf.h>
#include "np_helpers.h"

struct len_cfg {
	__u32 limit;
};

struct cfg_ref {
	struct len_cfg *cfg;
};

SEC("xdp")
int trace_len(struct xdp_md *ctx)
{
	struct len_cfg cfg = { .limit = 1500 };
	struct cfg_ref ref = { .cfg = &cfg };
	struct cfg_ref *r = &ref;
	__u32 len = ctx->data_end - ctx->data;
	__u32 limit = PATH(r, cfg, limit);

	np_printk("len %u limit %u queue %u if %u over %d", len, limit, ctx->rx_queue_index,
		  ctx->ingress_ifindex, len > limit);
	return len > limit ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
