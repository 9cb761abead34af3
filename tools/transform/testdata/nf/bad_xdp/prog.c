// Not portable to tc: redirects to a CPU (CPUMAP) and to an AF_XDP socket (XSKMAP), and
// reserves metadata with bpf_xdp_adjust_meta.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_CPUMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct bpf_cpumap_val);
} cpu_steer SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_XSKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} xsk_socks SEC(".maps");

SEC("xdp")
int steer_main(struct xdp_md *ctx)
{
	__u32 q = ctx->rx_queue_index;

	if (bpf_xdp_adjust_meta(ctx, -4))
		return XDP_PASS;
	if (q & 1)
		return bpf_redirect_map(&xsk_socks, q, XDP_PASS);
	return bpf_redirect_map(&cpu_steer, q & 3, 0);
}

char _license[] SEC("license") = "GPL";
