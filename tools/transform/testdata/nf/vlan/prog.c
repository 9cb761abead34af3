// VLAN push/pop at XDP: a frame tagged with VLAN 100 loses its tag (adjust_head shrinks by
// 4 bytes, MAC addresses move); an untagged IPv4 frame gets tag 200 (adjust_head grows).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define POP_VID 100
#define PUSH_VID 200

struct vlan_tag {
	__be16 tci;
	__be16 proto;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} vlan_stats SEC(".maps");

static __always_inline void bump(__u32 k)
{
	__u64 *v = bpf_map_lookup_elem(&vlan_stats, &k);

	if (v)
		*v += 1;
}

static __always_inline int vlan_pop(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct vlan_tag *tag = (void *)(eth + 1);
	unsigned char macs[2 * ETH_ALEN];
	__be16 inner;

	if ((void *)(tag + 1) > data_end)
		return XDP_DROP;
	if ((bpf_ntohs(tag->tci) & 0x0fff) != POP_VID)
		return XDP_PASS;
	inner = tag->proto;
	__builtin_memcpy(macs, eth, sizeof(macs));
	if (bpf_xdp_adjust_head(ctx, (int)sizeof(*tag)))
		return XDP_DROP;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	__builtin_memcpy(eth, macs, sizeof(macs));
	eth->h_proto = inner;
	bump(0);
	return XDP_PASS;
}

static __always_inline int vlan_push(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct vlan_tag *tag;
	unsigned char macs[2 * ETH_ALEN];
	__be16 proto;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	proto = eth->h_proto;
	__builtin_memcpy(macs, eth, sizeof(macs));
	if (bpf_xdp_adjust_head(ctx, -(int)sizeof(*tag)))
		return XDP_DROP;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	eth = data;
	tag = (void *)(eth + 1);
	if ((void *)(tag + 1) > data_end)
		return XDP_DROP;
	__builtin_memcpy(eth, macs, sizeof(macs));
	eth->h_proto = bpf_htons(ETH_P_8021Q);
	tag->tci = bpf_htons(PUSH_VID);
	tag->proto = proto;
	bump(1);
	return XDP_PASS;
}

SEC("xdp")
int vlan_main(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	if (eth->h_proto == bpf_htons(ETH_P_8021Q))
		return vlan_pop(ctx);
	if (eth->h_proto == bpf_htons(ETH_P_IP))
		return vlan_push(ctx);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
