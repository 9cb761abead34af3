// SPDX-License-Identifier: GPL-2.0
/* Per-interface ACLs: the loader creates acl_by_ifindex's inner maps from
 * the template acl_tmpl (map 1 of section "maps"); user space fills one per
 * interface. Rules are keyed by the address pair as it sits in the header. */
#include <linux/if_ether.h>
#include <linux/ip.h>
#include "bpf_load_defs.h"

struct acl_key {
	__u32 saddr;
	__u32 daddr;
};

struct acl_rule {
	__u32 action;
	__u32 flags;
	__u64 hits;
};

struct bpf_map_def SEC("maps") acl_hits = {
	.type = BPF_MAP_TYPE_PERCPU_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 1,
};

struct bpf_map_def SEC("maps") acl_tmpl = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = sizeof(struct acl_key),
	.value_size = sizeof(struct acl_rule),
	.max_entries = 1024,
};

struct bpf_map_def SEC("maps") acl_by_ifindex = {
	.type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u32),
	.max_entries = 64,
	.inner_map_idx = 1, /* acl_tmpl */
};

SEC("xdp")
int xdp_acl(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *iph = data + sizeof(struct ethhdr);
	__u32 ifindex = ctx->ingress_ifindex, zero = 0;
	void *acl, *rule;
	__u64 *hits;

	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	acl = bpf_map_lookup_elem(&acl_by_ifindex, &ifindex);
	if (!acl)
		return XDP_PASS;
	rule = bpf_map_lookup_elem(acl, &iph->saddr);
	if (!rule)
		return XDP_PASS;
	hits = bpf_map_lookup_elem(&acl_hits, &zero);
	if (hits)
		*hits += 1;
	__sync_fetch_and_add((__u64 *)(rule + 8), 1);
	return *(__u32 *)rule == 1 ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
