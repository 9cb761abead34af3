// Macros whose definitions carry multi-line /* */ comments, inside a continuation and
// trailing the #define line: the comment must be carried whole, or it swallows the
// definitions after it.
#include <linux/bpf.h>
#include "pkt_limits.h"

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int frame_gate(struct xdp_md *ctx)
{
	long len = (long)ctx->data_end - (long)ctx->data;

	if (len < FRAME_MIN)
		return XDP_DROP;
	if (FRAME_TOO_BIG(len))
		return XDP_DROP;
	return len > FRAME_HDR_LEN ? XDP_PASS : XDP_ABORTED;
}

char _license[] SEC("license") = "GPL";
