// Metadata consumer at XDP: when a previous program left 4 bytes of metadata in front of the
// packet (data_meta), they select the counter; otherwise the receive queue does. Also counts
// by the receiving device.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} meta_seen SEC(".maps");

static __always_inline void add(__u32 k)
{
	__u64 one = 1, *v = bpf_map_lookup_elem(&meta_seen, &k);

	if (v)
		*v += 1;
	else
		bpf_map_update_elem(&meta_seen, &k, &one, BPF_ANY);
}

SEC("xdp")
int meta_main(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *meta = (void *)(long)ctx->data_meta;
	__u32 *mark = meta;

	if ((void *)(mark + 1) <= data)
		add(*mark & 0xff);
	else
		add(0x100 + (ctx->rx_queue_index & 0xff));
	add(0x200 + (ctx->ingress_ifindex & 0xff));
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
