// SPDX-License-Identifier: GPL-2.0
/* XDP decapsulator: strips an outer IPv4 header (IPIP, 4in4 / 6in4) or an
 * outer IPv4 + UDP header (GUE variant 1, with -DENABLE_GUE) and passes the
 * inner packet to the stack. Everything else is passed untouched. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "decap_consts.h"
#include "decap_structs.h"
#include "decap_maps.h"
#include "csum_helpers.h"
#include "pckt_parsing.h"
#include "pckt_encap.h"

static __always_inline void decap_count(__u32 idx, __u32 bytes)
{
	struct decap_stat *st = bpf_map_lookup_elem(&decap_stats, &idx);

	if (!st)
		return;
	st->pkts += 1;
	st->bytes += bytes;
}

#ifdef DECAP_STRICT_DST
static __always_inline int outer_dst_allowed(__u32 daddr)
{
	return bpf_map_lookup_elem(&allowed_outer_dst, &daddr) != NULL;
}
#endif

static __always_inline int verdict_of(int parse_rc, __u32 bytes)
{
	if (parse_rc == DECAP_PARSE_PASS) {
		decap_count(DECAP_STAT_PASS, bytes);
		return XDP_PASS;
	}
	if (parse_rc == DECAP_PARSE_BAD_CSUM) {
		decap_count(DECAP_STAT_DROP_CSUM, bytes);
		return XDP_DROP;
	}
	decap_count(DECAP_STAT_DROP_MALFORMED, bytes);
	return XDP_DROP;
}

static __always_inline int process_ipip(struct xdp_md *ctx, struct decap_ctx *dc)
{
	int rc = check_inner_l3(dc, dc->inner_proto);

	if (rc != DECAP_PARSE_OK)
		return verdict_of(rc, dc->pkt_bytes);

	if (dc->inner_proto == IPPROTO_IPIP) {
		if (decap_v4_in_v4(ctx))
			return verdict_of(DECAP_PARSE_DROP, dc->pkt_bytes);
		decap_count(DECAP_STAT_IPIP4, dc->pkt_bytes);
	} else {
		if (decap_v6_in_v4(ctx))
			return verdict_of(DECAP_PARSE_DROP, dc->pkt_bytes);
		decap_count(DECAP_STAT_IPIP6, dc->pkt_bytes);
	}
	return XDP_PASS;
}

#ifdef ENABLE_GUE
static __always_inline int process_gue(struct xdp_md *ctx, struct decap_ctx *dc)
{
	__u8 inner_proto = 0;
	int rc = parse_gue_v1(dc, &inner_proto);

	if (rc != DECAP_PARSE_OK)
		return verdict_of(rc, dc->pkt_bytes);
	if (decap_gue(ctx, inner_proto))
		return verdict_of(DECAP_PARSE_DROP, dc->pkt_bytes);
	decap_count(inner_proto == IPPROTO_IPV6 ? DECAP_STAT_GUE6 : DECAP_STAT_GUE4,
		    dc->pkt_bytes);
	return XDP_PASS;
}
#endif

static __always_inline int process_packet(struct xdp_md *ctx)
{
	struct decap_ctx dc = {
		.data = (void *)(long)ctx->data,
		.data_end = (void *)(long)ctx->data_end,
	};
	__u16 h_proto = 0;
	int rc;

	dc.pkt_bytes = dc.data_end - dc.data;
	decap_count(DECAP_STAT_RX, dc.pkt_bytes);

	rc = parse_eth(&dc, &h_proto);
	if (rc != DECAP_PARSE_OK)
		return verdict_of(rc, dc.pkt_bytes);
	if (h_proto != bpf_htons(ETH_P_IP))
		return verdict_of(DECAP_PARSE_PASS, dc.pkt_bytes);

	rc = parse_outer_ipv4(&dc);
	if (rc != DECAP_PARSE_OK)
		return verdict_of(rc, dc.pkt_bytes);

#ifdef DECAP_STRICT_DST
	if (!outer_dst_allowed(dc.outer_daddr))
		return verdict_of(DECAP_PARSE_PASS, dc.pkt_bytes);
#endif

	switch (dc.inner_proto) {
	case IPPROTO_IPIP:
	case IPPROTO_IPV6:
		return process_ipip(ctx, &dc);
#ifdef ENABLE_GUE
	case IPPROTO_UDP:
		return process_gue(ctx, &dc);
#endif
	default:
		return verdict_of(DECAP_PARSE_PASS, dc.pkt_bytes);
	}
}

SEC("xdp")
int xdp_decap_main(struct xdp_md *ctx)
{
	return process_packet(ctx);
}

char _license[] SEC("license") = "GPL";
