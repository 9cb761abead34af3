// SPDX-License-Identifier: GPL-2.0
/* Reads a packed option pair placed right after the Ethernet header (a
 * made-up encapsulation) and counts marked packets. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>

#include "tlv.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct tlv_stats);
	__uint(max_entries, 1);
} tlv_counts SEC(".maps");

static __always_inline const struct tlv_pair *tlv_at(void *data, void *data_end)
{
	const struct tlv_pair *p = data + sizeof(struct ethhdr);

	_Static_assert(sizeof(struct tlv_opt) == 5, "tlv_opt is 5 bytes on the wire");
	_Static_assert(sizeof(struct tlv_pair) == 10, "tlv_pair is 10 bytes on the wire");
	if ((void *)(p + 1) > data_end)
		return 0;
	return p;
}

SEC("xdp")
int xdp_tlv(struct xdp_md *ctx)
{
	const struct tlv_pair *p = tlv_at((void *)(long)ctx->data, (void *)(long)ctx->data_end);
	__u32 key = 0;
	struct tlv_stats *s;

	if (!p || p->second.kind != TLV_KIND_MARK)
		return XDP_PASS;
	s = bpf_map_lookup_elem(&tlv_counts, &key);
	if (s) {
		s->last_kind = p->first.kind;
		s->seen++;
	}
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
