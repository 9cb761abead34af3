// The license is declared in a shared header, not in this file; the unit calls a GPL-only
// helper (trace_printk), so the verifier refuses it unless the license is carried.
#include <linux/bpf.h>
#include "prog_common.h"

SEC("xdp")
int gpl_trace(struct xdp_md *ctx)
{
	static const char fmt[] = "queue %u\n";

	trace_out(fmt, sizeof(fmt), ctx->rx_queue_index);
	return XDP_PASS;
}
