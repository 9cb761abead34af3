// SPDX-License-Identifier: GPL-2.0
/* Answers ICMP echo requests in XDP, rate-accounted per source address. */
#include "echo.h"
#include "parse.c"
#include "csum.c"

/* File-scope static: the number of replies sent (.bss). */
static __u64 replies_sent;

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, ECHO_MAX_SOURCES);
	__type(key, __u32);
	__type(value, __u64);
} echo_sources SEC(".maps");

static __always_inline void account(__u32 saddr)
{
	__u64 one = 1, *cnt = bpf_map_lookup_elem(&echo_sources, &saddr);

	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&echo_sources, &saddr, &one, BPF_ANY);
}

SEC("xdp")
int xdp_echo(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct icmp_echo *icmp;
	struct iphdr *iph;
	__u32 tmp;

	iph = ipv4_header(data, data_end);
	if (!iph)
		return XDP_PASS;
	icmp = echo_header(iph, data_end);
	if (!icmp || icmp->type != ICMP_ECHO_REQUEST)
		return XDP_PASS;
	account(iph->saddr);
	icmp->type = ICMP_ECHO_REPLY;
	icmp->checksum = csum_replace2(icmp->checksum, bpf_htons(ICMP_ECHO_REQUEST << 8),
				       bpf_htons(ICMP_ECHO_REPLY << 8));
	tmp = iph->saddr;
	iph->saddr = iph->daddr;
	iph->daddr = tmp;
	barrier();
	swap_macs(data);
	__sync_fetch_and_add(&replies_sent, 1);
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
