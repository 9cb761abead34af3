/* SPDX-License-Identifier: GPL-2.0 */
/* Constants shared by the decapsulator programs. */
#ifndef __DECAP_CONSTS_H
#define __DECAP_CONSTS_H

/* UDP destination port on which GUE (variant 1, "direct IP") is expected. */
#ifndef GUE_DPORT
#define GUE_DPORT 6080
#endif

/* Outer IPv4 headers with options are not decapsulated, they are passed. */
#define IPV4_HDR_LEN_NO_OPT 20
#define IPV4_IHL_NO_OPT 5

/* Flags in iphdr->frag_off (network order applied at use). */
#define DECAP_IP_MF 0x2000
#define DECAP_IP_OFFSET 0x1FFF

/* Not used by the XDP path; kept for the healthcheck program. */
#define HC_SRC_MARK 0x48430000
#define HC_MAX_REALS 512

/* Inner IP version nibble values for GUE variant 1. */
#define GUE_INNER_V4 4
#define GUE_INNER_V6 6

#define MAX_OUTER_DST 64

/* Index into the decap_stats per-CPU array. */
enum decap_stat_idx {
	DECAP_STAT_RX = 0,
	DECAP_STAT_IPIP4,
	DECAP_STAT_IPIP6,
	DECAP_STAT_GUE4,
	DECAP_STAT_GUE6,
	DECAP_STAT_PASS,
	DECAP_STAT_DROP_MALFORMED,
	DECAP_STAT_DROP_CSUM,
	__DECAP_STAT_MAX,
};

#endif /* __DECAP_CONSTS_H */
