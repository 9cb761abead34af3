/* Routing QUIC packets by the server id in the connection id. */
#ifndef LB_QUIC_H
#define LB_QUIC_H

#include "parse.h"
#include "lb_maps.h"
#include "lb_stats.h"

struct quic_long_header {
	__u8 flags;
	__u32 version;
	__u8 conn_id_lens;
	__u8 cid[QUIC_CID_MIN];
} __attribute__((__packed__));

__lb_inline int parse_quic_server_id(void *data, void *data_end, int is_ipv6)
{
	struct quic_long_header *qh;
	__u64 off = calc_offset(is_ipv6, 0) + sizeof(struct udphdr);
	__u8 *cid;

	qh = data + off;
	if (!PCKT_FITS(qh, data_end))
		return -1;
	if (!(qh->flags & QUIC_LONG_HDR_BIT))
		return -1;
	cid = qh->cid;
	if ((cid[0] >> 6) != QUIC_CONNID_VERSION)
		return -1;
	return ((cid[0] & 0x3f) << 8) | cid[1];
}

__lb_inline int quic_pick_backend(struct backend **real,
				 struct pkt_desc *pd,
				 void *data, void *data_end, int is_ipv6)
{
	__u32 *real_pos;
	__u32 key;
	int id;

	id = parse_quic_server_id(data, data_end, is_ipv6);
	if (id < 0)
		return 0;
	key = id % LB_MAX_QUIC_BACKENDS;
	real_pos = bpf_map_lookup_elem(&quic_mapping, &key);
	if (!real_pos || !*real_pos)
		return 0;
	pd->real_index = *real_pos;
	*real = bpf_map_lookup_elem(&backends, &pd->real_index);
	if (!*real)
		return 0;
	stats_inc(STATS_QUIC_ROUTED);
	return 1;
}

#endif
