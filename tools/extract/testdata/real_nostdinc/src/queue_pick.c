// A project built with -nostdinc and its own include/linux/bpf.h: every header comes from
// the project. The fallback form of mcu.c (the whole file) must keep -nostdinc and the
// project's include directories, or the system <linux/bpf.h> clashes (struct bpf_insn).
#include <linux/bpf.h>

static __attribute__((noinline)) int pick(__u32 queue)
{
	return queue & 1 ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
int queue_pick(struct xdp_md *ctx)
{
	return pick(ctx->rx_queue_index);
}

char _license[] SEC("license") = "GPL";
