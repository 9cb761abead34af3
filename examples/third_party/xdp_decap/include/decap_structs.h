/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __DECAP_STRUCTS_H
#define __DECAP_STRUCTS_H

#include <linux/types.h>

/* Value of the decap_stats per-CPU array. */
struct decap_stat {
	__u64 pkts;
	__u64 bytes;
};

/* Parsing cursor carried through the inline call chain. */
struct decap_ctx {
	void *data;
	void *data_end;
	__u32 nh_off;
	__u32 pkt_bytes;
	__u32 outer_daddr;
	__u8 inner_proto;
	__u8 encap;
};

/* GUE variant 0 header (RFC draft), only used by the unused parser. */
struct guehdr_v0 {
#if defined(__LITTLE_ENDIAN_BITFIELD)
	__u8 hlen : 5, control : 1, version : 2;
#else
	__u8 version : 2, control : 1, hlen : 5;
#endif
	__u8 proto_ctype;
	__be16 flags;
};

/* Event layout for decap_events; nothing emits it in this version. */
struct decap_event {
	__u32 outer_saddr;
	__u32 outer_daddr;
	__u8 inner_proto;
	__u8 pad[3];
};

#endif /* __DECAP_STRUCTS_H */
