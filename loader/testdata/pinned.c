// An XDP program whose map is pinned by name, as loaders sharing state
// through bpffs declare it.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4000000);
	__type(key, __u32);
	__type(value, __u64);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} opened_loader_test_pinned SEC(".maps");

SEC("xdp")
int xdp_pinned(struct xdp_md *ctx)
{
	__u32 key = ctx->ingress_ifindex;
	__u64 *seen = bpf_map_lookup_elem(&opened_loader_test_pinned, &key);

	if (seen)
		return XDP_DROP;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
