// SPDX-License-Identifier: GPL-2.0
/* XDP forwarder: RoCE-v2 traffic to AF_XDP sockets, everything else out of
 * the paired port; per-VLAN policy lives in inner maps the daemon creates. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ROCE_V2_PORT 4791
#define MAX_QUEUES 64
#define MAX_VLANS 4096

/* Egress port per ingress ifindex slot; ifindexes are written by user space. */
struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} tx_ports SEC(".maps");

/* AF_XDP sockets per RX queue; socket fds are inserted by user space. */
struct {
	__uint(type, BPF_MAP_TYPE_XSKMAP);
	__uint(max_entries, MAX_QUEUES);
	__type(key, __u32);
	__type(value, __u32);
} xsks SEC(".maps");

/* VLAN id -> policy inner map, with the inner map spelled in place. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, MAX_VLANS);
	__type(key, __u32);
	__array(values, struct {
		__uint(type, BPF_MAP_TYPE_ARRAY);
		__uint(max_entries, 1);
		__type(key, __u32);
		__type(value, __u32);
	});
} vlan_policy SEC(".maps");

struct vlan_hdr {
	__be16 tci;
	__be16 encap_proto;
};

static __always_inline int is_roce(struct iphdr *iph, void *data_end)
{
	struct udphdr *uh = (void *)(iph + 1);

	if ((void *)(uh + 1) > data_end || iph->ihl != 5 || iph->protocol != IPPROTO_UDP)
		return 0;
	return uh->dest == bpf_htons(ROCE_V2_PORT);
}

static __always_inline int vlan_blocked(__u32 vid)
{
	__u32 zero = 0, *blocked;
	void *inner = bpf_map_lookup_elem(&vlan_policy, &vid);

	if (!inner)
		return 0;
	blocked = bpf_map_lookup_elem(inner, &zero);
	return blocked && *blocked;
}

SEC("xdp")
int xdp_forward(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct vlan_hdr *vh = (void *)(eth + 1);
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(vh + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto == bpf_htons(ETH_P_8021Q)) {
		if (vlan_blocked(bpf_ntohs(vh->tci) & 0x0fff))
			return XDP_DROP;
		iph = (void *)(vh + 1);
	}
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	if (is_roce(iph, data_end))
		return bpf_redirect_map(&xsks, ctx->rx_queue_index, XDP_PASS);
	return bpf_redirect_map(&tx_ports, 0, 0);
}

char _license[] SEC("license") = "GPL";
