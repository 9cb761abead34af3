// SPDX-License-Identifier: GPL-2.0
/* TC egress helper for healthcheck probes: packets marked by the prober
 * with HC_SRC_MARK | real_index get their IPv4 destination rewritten to the
 * real server's address. Built as a separate object (hc.o); it shares the
 * constants but uses the older in-place checksum helpers. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "decap_consts.h"
#include "legacy/csum.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, HC_MAX_REALS);
	__type(key, __u32);
	__type(value, __u32);
} probe_backends SEC(".maps");

SEC("tc")
int healthcheck_encap(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);
	__u32 idx, *real, csum = 0;

	if ((skb->mark & 0xffff0000) != HC_SRC_MARK)
		return TC_ACT_OK;
	if ((void *)(iph + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;

	idx = skb->mark & 0xffff;
	real = bpf_map_lookup_elem(&probe_backends, &idx);
	if (!real)
		return TC_ACT_SHOT;

	iph->daddr = *real;
	iph->check = 0;
	legacy_ipv4_csum(iph, &csum);
	iph->check = csum;
	skb->mark = 0;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
