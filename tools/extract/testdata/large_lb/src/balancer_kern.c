// SPDX-License-Identifier: GPL-2.0
/* L4 load balancer, XDP: VIP lookup, real selection (QUIC server id,
 * connection table, consistent hashing), IPIP/IP6IP6 encapsulation. */
#include "lb_config.h"
#include "lb_helpers.h"
#include "lb_consts.h"
#include "lb_structs.h"
#include "lb_maps.h"
#include "lb_stats.h"
#include "pckt_parsing.h"
#include "pckt_encap.h"
#include "handle_icmp.h"
#include "ch_hash.h"
#include "conn_table.h"
#include "quic.h"
#include "flow_debug.h"
#include "introspection.h"

#define EVENT_NO_REAL 1

__lb_inline struct vip_meta *vip_lookup(struct packet_description *pckt, int is_ipv6)
{
	struct vip_definition vip = {};
	struct vip_meta *meta;

	if (is_ipv6)
		lb_memcpy(vip.vipv6, pckt->flow.dstv6, 16);
	else
		vip.vip = pckt->flow.dst;
	vip.port = pckt->flow.port16[1];
	vip.proto = pckt->flow.proto;
	meta = bpf_map_lookup_elem(&vip_map, &vip);
	if (meta)
		return meta;
	/* Port-less VIP: any destination port. */
	vip.port = 0;
	return bpf_map_lookup_elem(&vip_map, &vip);
}

__lb_inline struct ctl_value *default_router(void)
{
	__u32 key = CTL_MAC_POS;

	return bpf_map_lookup_elem(&ctl_array, &key);
}

__lb_inline int select_real(struct real_definition **dst,
			    struct packet_description *pckt,
			    struct vip_meta *vip_info, void *data,
			    void *data_end, int is_ipv6)
{
	void *lru_map = get_lru_map();

#ifdef LB_ENABLE_QUIC
	if ((vip_info->flags & F_QUIC_VIP) && pckt->flow.proto == IPPROTO_UDP &&
	    quic_lookup_real(dst, pckt, data, data_end, is_ipv6))
		return 1;
#endif
	if (!(vip_info->flags & F_LRU_BYPASS) && !(pckt->flags & F_SYN_SET)) {
		if (connection_table_lookup(dst, pckt, lru_map)) {
			stats_inc(STATS_LRU);
			return 1;
		}
		stats_inc(STATS_LRU_MISS);
	}
	if (!get_packet_dst(dst, pckt, vip_info, is_ipv6))
		return 0;
	if (!(vip_info->flags & F_LRU_BYPASS))
		update_conn_table(pckt, lru_map);
	return 1;
}

__lb_inline int parse_l4(void *data, void *data_end, int is_ipv6,
			 struct packet_description *pckt)
{
	if (pckt->flow.proto == IPPROTO_TCP)
		return parse_tcp(data, data_end, is_ipv6, pckt);
	if (pckt->flow.proto == IPPROTO_UDP)
		return parse_udp(data, data_end, is_ipv6, pckt);
	return 0;
}

__lb_inline int process_packet(struct xdp_md *xdp, int is_ipv6)
{
	void *data = (void *)(long)xdp->data;
	void *data_end = (void *)(long)xdp->data_end;
	struct packet_description pckt = {};
	struct real_definition *dst = 0;
	struct vip_meta *vip_info;
	struct ctl_value *cval;
	__u16 pkt_bytes = 0;
	int action;

	action = process_l3_headers(data, data_end, is_ipv6, &pckt, &pkt_bytes);
	if (action >= 0)
		return action;
#ifdef LB_ENABLE_ICMP
	if (!is_ipv6 && pckt.flow.proto == IPPROTO_ICMP)
		return parse_icmp(data, data_end);
#endif
	if (!parse_l4(data, data_end, is_ipv6, &pckt))
		return XDP_PASS;
	vip_info = vip_lookup(&pckt, is_ipv6);
	if (!vip_info)
		return XDP_PASS;
	if (!select_real(&dst, &pckt, vip_info, data, data_end, is_ipv6) || !dst) {
		REPORT_EVENT(xdp, EVENT_NO_REAL, pkt_bytes);
		return XDP_DROP;
	}
	FLOW_DEBUG(&pckt);
	cval = default_router();
	if (!cval)
		return XDP_DROP;
	stats_add(vip_info->vip_num % MAX_VIPS, 1, pkt_bytes);
	if (dst->flags & F_IPV6) {
		if (!encap_v6(xdp, cval, is_ipv6, &pckt, dst, pkt_bytes))
			return XDP_DROP;
	} else {
		if (is_ipv6 || !encap_v4(xdp, cval, &pckt, dst, pkt_bytes))
			return XDP_DROP;
	}
	return XDP_TX;
}

SEC("xdp")
int balancer_ingress(struct xdp_md *ctx)
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
