// SPDX-License-Identifier: GPL-2.0
/* tc ingress: marks packets of a UDP tunnel with their VNI, counts the
 * options they carry, and flags the header as seen. */
#include "tun.h"

static __always_inline int tun_port(struct __sk_buff *skb)
{
	struct udphdr uh;

	if (bpf_skb_load_bytes(skb, sizeof(struct ethhdr) + sizeof(struct iphdr), &uh, sizeof(uh)))
		return 0;
	return uh.dest == bpf_htons(TUN_PORT);
}

static __always_inline __u32 count_opts(struct __sk_buff *skb)
{
	__u8 buf[TUN_MAX_OPTS * 4] = {};
	__u32 i, n = 0;

	if (bpf_skb_load_bytes(skb, TUN_HDR_OFF + sizeof(struct tun_hdr), buf, sizeof(buf)))
		return 0;
#pragma unroll
	for (i = 0; i < TUN_MAX_OPTS; i++) {
		struct tun_opt *o = (struct tun_opt *)&buf[i * 4];

		if (!o->type)
			break;
		n++;
	}
	return n;
}

SEC("tc")
int tc_tun_mark(struct __sk_buff *skb)
{
	__be32 vni;
	__u8 flags;

	if (skb->protocol != bpf_htons(ETH_P_IP) || !tun_port(skb))
		return TC_ACT_OK;
	if (bpf_skb_load_bytes(skb, TUN_HDR_OFF + offsetof(struct tun_hdr, vni), &vni, sizeof(vni)))
		return TC_ACT_OK;
	skb->mark = (vni_t)bpf_ntohl(vni) >> 8;
	skb->priority = count_opts(skb);
	if (bpf_skb_load_bytes(skb, TUN_HDR_OFF + offsetof(struct tun_hdr, flags), &flags, 1))
		return TC_ACT_OK;
	flags |= TUN_F_SEEN;
	bpf_skb_store_bytes(skb, TUN_HDR_OFF + offsetof(struct tun_hdr, flags), &flags, 1, 0);
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
