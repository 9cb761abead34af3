// Not portable to tc: reads the packet through a dynptr made from the XDP context
// (the kfunc bpf_dynptr_from_xdp), and calls a kfunc the transform does not know.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int bpf_dynptr_from_xdp(struct xdp_md *xdp, __u64 flags, struct bpf_dynptr *ptr) __ksym;
extern void *bpf_dynptr_slice(const struct bpf_dynptr *ptr, __u32 offset, void *buffer, __u32 buffer__szk) __ksym;
extern int bpf_opened_unknown_kfunc(void) __ksym __weak;

SEC("xdp")
int dynptr_main(struct xdp_md *ctx)
{
	struct bpf_dynptr ptr;
	__u8 buf[14], *eth;

	if (bpf_dynptr_from_xdp(ctx, 0, &ptr))
		return XDP_DROP;
	eth = bpf_dynptr_slice(&ptr, 0, buf, sizeof(buf));
	if (!eth)
		return XDP_DROP;
	if (bpf_opened_unknown_kfunc)
		bpf_opened_unknown_kfunc();
	return eth[12] == 0x08 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
