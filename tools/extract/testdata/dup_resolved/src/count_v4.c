// SPDX-License-Identifier: GPL-2.0
/* IPv4 protocol counter. Only sees the IPv4 parse_ip. */
#include "common.h"
#include "ipv4.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} proto_count_v4 SEC(".maps");

/* Each program file has its own static drop accounting. */
static __always_inline int drop_malformed(void)
{
	__u32 slot = 0;
	__u64 *cnt = bpf_map_lookup_elem(&proto_count_v4, &slot);

	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	return XDP_DROP;
}

SEC("xdp")
int xdp_count_v4(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct addr_pair ap;
	__u64 *cnt;
	__u32 proto;
	int rc;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	rc = parse_ip(eth + 1, data_end, &ap);
	if (rc < 0)
		return drop_malformed();
	proto = rc & 0xff;
	cnt = bpf_map_lookup_elem(&proto_count_v4, &proto);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
