// A dispatcher tail-calls stages installed in a BTF program array. The
// entry is fine; stage_bad, a tail-call target, reads past the packet
// bounds it checked, so loading the unit fails on stage_bad.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int stage_bad(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *data_end = (void *)(long)ctx->data_end;

	if (data + 14 > data_end)
		return XDP_DROP;
	return data[14] == 0x45 ? XDP_PASS : XDP_DROP;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, int (void *));
} stages SEC(".maps") = {
	.values = { [1] = (void *)&stage_bad },
};

SEC("xdp")
int xdp_dispatch(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &stages, 1);
	return XDP_PASS;
}

SEC("xdp")
int unrelated(struct xdp_md *ctx)
{
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
