// SPDX-License-Identifier: GPL-2.0
/* L4 load balancer, XDP: VIP lookup, real selection (QUIC server id,
 * connection table, consistent hashing), IPIP/IP6IP6 encapsulation. */
#include "lb_config.h"
#include "lb_helpers.h"
#include "lb_consts.h"
#include "lb_structs.h"
#include "lb_maps.h"
#include "lb_stats.h"
#include "parse.h"
#include "encap.h"
#include "icmp_reply.h"
#include "ring_hash.h"
#include "flow_cache.h"
#include "quic.h"
#include "flow_debug.h"
#include "sampling.h"

#define EVENT_NO_REAL 1

__lb_inline struct svc_meta *svc_lookup(struct pkt_desc *pd, int is_ipv6)
{
	struct svc_key vip = {};
	struct svc_meta *meta;

	if (is_ipv6)
		lb_memcpy(vip.vipv6, pd->flow.dstv6, 16);
	else
		vip.vip = pd->flow.dst;
	vip.port = pd->flow.port16[1];
	vip.proto = pd->flow.proto;
	meta = bpf_map_lookup_elem(&svc_map, &vip);
	if (meta)
		return meta;
	/* Port-less VIP: any destination port. */
	vip.port = 0;
	return bpf_map_lookup_elem(&svc_map, &vip);
}

__lb_inline struct lb_ctl_val *default_gw(void)
{
	__u32 key = CTL_MAC_POS;

	return bpf_map_lookup_elem(&lb_ctl, &key);
}

__lb_inline int pick_backend(struct backend **dst,
			    struct pkt_desc *pd,
			    struct svc_meta *vip_info, void *data,
			    void *data_end, int is_ipv6)
{
	void *lru_map = get_lru_map();

#ifdef LB_ENABLE_QUIC
	if ((vip_info->flags & SVC_F_QUIC) && pd->flow.proto == IPPROTO_UDP &&
	    quic_pick_backend(dst, pd, data, data_end, is_ipv6))
		return 1;
#endif
	if (!(vip_info->flags & SVC_F_NO_LRU) && !(pd->flags & PD_F_SYN)) {
		if (flow_cache_lookup(dst, pd, lru_map)) {
			stats_inc(STATS_LRU);
			return 1;
		}
		stats_inc(STATS_LRU_MISS);
	}
	if (!resolve_backend(dst, pd, vip_info, is_ipv6))
		return 0;
	if (!(vip_info->flags & SVC_F_NO_LRU))
		flow_cache_store(pd, lru_map);
	return 1;
}

__lb_inline int parse_l4(void *data, void *data_end, int is_ipv6,
			 struct pkt_desc *pd)
{
	if (pd->flow.proto == IPPROTO_TCP)
		return parse_tcp(data, data_end, is_ipv6, pd);
	if (pd->flow.proto == IPPROTO_UDP)
		return parse_udp(data, data_end, is_ipv6, pd);
	return 0;
}

__lb_inline int process_packet(struct xdp_md *xdp, int is_ipv6)
{
	void *data = (void *)(long)xdp->data;
	void *data_end = (void *)(long)xdp->data_end;
	struct pkt_desc pd = {};
	struct backend *dst = 0;
	struct svc_meta *vip_info;
	struct lb_ctl_val *cval;
	__u16 pkt_bytes = 0;
	int action;

	action = process_l3_headers(data, data_end, is_ipv6, &pd, &pkt_bytes);
	if (action >= 0)
		return action;
#ifdef LB_ENABLE_ICMP
	if (!is_ipv6 && pd.flow.proto == IPPROTO_ICMP)
		return parse_icmp(data, data_end);
#endif
	if (!parse_l4(data, data_end, is_ipv6, &pd))
		return XDP_PASS;
	vip_info = svc_lookup(&pd, is_ipv6);
	if (!vip_info)
		return XDP_PASS;
	if (!pick_backend(&dst, &pd, vip_info, data, data_end, is_ipv6) || !dst) {
		REPORT_EVENT(xdp, EVENT_NO_REAL, pkt_bytes);
		return XDP_DROP;
	}
	FLOW_DEBUG(&pd);
	cval = default_gw();
	if (!cval)
		return XDP_DROP;
	stats_add(vip_info->vip_num % LB_MAX_SVCS, 1, pkt_bytes);
	if (dst->flags & BE_F_V6) {
		if (!encap_v6(xdp, cval, is_ipv6, &pd, dst, pkt_bytes))
			return XDP_DROP;
	} else {
		if (is_ipv6 || !encap_v4(xdp, cval, &pd, dst, pkt_bytes))
			return XDP_DROP;
	}
	return XDP_TX;
}

SEC("xdp")
int lb_xdp_entry(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if (!PCKT_FITS(eth, data_end))
		return XDP_DROP;
	if (eth->h_proto == bpf_htons(ETH_P_IP))
		return process_packet(ctx, 0);
	if (eth->h_proto == bpf_htons(ETH_P_IPV6))
		return process_packet(ctx, 1);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
