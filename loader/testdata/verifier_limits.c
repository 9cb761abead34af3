#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* Over the verifier's budget of 1M instructions: every iteration is explored. */
SEC("xdp")
int xdp_too_large(struct xdp_md *ctx)
{
	__u64 sum = 0;
	for (__u32 i = 0; i < 400000; i++)
		sum += i ^ (sum >> 3);
	return sum & 1 ? XDP_PASS : XDP_DROP;
}

/* A loop the verifier proves never ends. */
SEC("xdp")
int xdp_spin(struct xdp_md *ctx)
{
	volatile __u32 x = 0;
	while (x == 0) {
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
