#ifndef GUE_H
#define GUE_H

#include "decap.h"

#define GUE_PORT 6080

struct guehdr {
	__u8 hlen_flags;
	__u8 proto;
	__u16 flags;
};

static __always_inline int gue_hdr_len(struct guehdr *gh)
{
	return sizeof(*gh) + (gh->hlen_flags & 0x1f) * 4;
}

/* Strip outer IPv4 + UDP + GUE headers. */
static __always_inline int decap_gue(struct xdp_md *ctx, struct udphdr *uh)
{
	void *data_end = (void *)(long)ctx->data_end;
	struct guehdr *gh = (void *)(uh + 1);
	struct decap_stats *st;
	int len;

	if ((void *)(gh + 1) > data_end)
		return DECAP_ERR;
	if (uh->dest != bpf_htons(GUE_PORT))
		return DECAP_SKIP;
	len = gue_hdr_len(gh);
	if (bpf_xdp_adjust_head(ctx, (int)(sizeof(struct iphdr) + sizeof(*uh)) + len))
		return DECAP_ERR;
	st = stats();
	if (st)
		st->gue++;
	return DECAP_OK;
}

#endif
