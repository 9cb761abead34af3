// A unit that carries its own copy of the UAPI it needs instead of including <linux/bpf.h>
// (as projects that vendor bpf.h, or units preprocessed into one file, do): its own struct
// xdp_md, XDP actions and helper declaration. At XDP it strips a 4-byte shim header that
// follows the Ethernet addresses when the ethertype says so (adjust_head shrink).
#include <linux/types.h>

#define SEC(name) __attribute__((section(name), used))

struct xdp_md {
	__u32 data;
	__u32 data_end;
	__u32 data_meta;
	__u32 ingress_ifindex;
	__u32 rx_queue_index;
	__u32 egress_ifindex;
};

enum xdp_action {
	XDP_ABORTED = 0,
	XDP_DROP,
	XDP_PASS,
	XDP_TX,
	XDP_REDIRECT,
};

static long (*bpf_xdp_adjust_head)(struct xdp_md *xdp_md, int delta) = (void *)44;

#define SHIM_ETHERTYPE 0x88b5 /* local experimental ethertype */

SEC("xdp")
int strip_main(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	__u8 *data_end = (void *)(long)ctx->data_end;
	__u8 macs[12];
	int i;

	if (data + 18 > data_end)
		return XDP_PASS;
	if (data[12] != (SHIM_ETHERTYPE >> 8) || data[13] != (SHIM_ETHERTYPE & 0xff))
		return XDP_PASS;
	if (data[14] == 0xff)
		return XDP_DROP;
	for (i = 0; i < 12; i++)
		macs[i] = data[i];
	if (bpf_xdp_adjust_head(ctx, 4))
		return XDP_ABORTED;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	if (data + 14 > data_end)
		return XDP_ABORTED;
	for (i = 0; i < 12; i++)
		data[i] = macs[i];
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
