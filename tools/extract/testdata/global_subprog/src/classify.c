// SPDX-License-Identifier: GPL-2.0
/* Flow classification, built as separate global (non-inlined) functions. */
#include "meta.h"
#include "parse.h"

static __always_inline __u8 port_class(__u16 port)
{
	if (port == 80 || port == 443)
		return CLASS_WEB;
	if (port == 53)
		return CLASS_DNS;
	return CLASS_UNKNOWN;
}

__attribute__((noinline)) int classify_flow(struct xdp_md *ctx, struct pkt_meta *meta)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	int off;

	if (!meta)
		return -1;
	off = parse_l3(data, data_end, meta);
	if (off != 20)
		return -1;
	if (meta->proto != IPPROTO_UDP && meta->proto != IPPROTO_TCP)
		return 0;
	if (parse_l4_port(data + sizeof(struct ethhdr) + 20, data_end, meta) < 0)
		return -1;
	meta->class = port_class(meta->dport);
	return class_valid(meta->class) ? meta->class : -1;
}

__attribute__((noinline)) int classify_debug(struct xdp_md *ctx)
{
	return CLASS_DEBUG_ONLY + ctx->ingress_ifindex;
}
