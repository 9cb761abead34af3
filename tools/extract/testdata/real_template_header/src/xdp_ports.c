// SPDX-License-Identifier: GPL-2.0
/* Counts DNS and NTP packets; the two matchers are instances of one
 * template header. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define TPL_PROTO dns
#define TPL_PORT 53
#include "counter_tpl.h"
#undef TPL_PROTO
#undef TPL_PORT

#define TPL_PROTO ntp
#define TPL_PORT 123
#include "counter_tpl.h"
#undef TPL_PROTO
#undef TPL_PORT

#define TPL_PROTO syslog
#define TPL_PORT 514
#include "counter_tpl.h"
#undef TPL_PROTO
#undef TPL_PORT

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2);
} port_hits SEC(".maps");

SEC("xdp")
int xdp_ports(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *udp = (void *)(iph + 1);
	__u32 key;
	__u64 *n;

	if ((void *)(udp + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->ihl != 5 || iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	if (match_dns(udp->dest))
		key = 0;
	else if (match_ntp(udp->dest))
		key = 1;
	else
		return XDP_PASS;
	n = bpf_map_lookup_elem(&port_hits, &key);
	if (n)
		*n += 1;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
