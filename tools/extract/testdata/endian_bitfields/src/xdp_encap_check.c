// SPDX-License-Identifier: GPL-2.0
/* Drops encapsulated packets with an unknown header version or a header
 * length that runs past the packet. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "encap_hdr.h"

static __always_inline int encap_ok(struct encap_hdr *eh, void *data_end)
{
	if (eh->version != 0 || eh->control)
		return 0;
	return (void *)(eh + 1) + eh->hlen * 4 <= data_end;
}

SEC("xdp")
int xdp_encap_check(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *uh = (void *)(iph + 1);
	struct encap_hdr *eh = (void *)(uh + 1);

	if ((void *)(eh + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->ihl != 5 ||
	    iph->protocol != IPPROTO_UDP || uh->dest != bpf_htons(ENCAP_PORT))
		return XDP_PASS;
	return encap_ok(eh, data_end) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
