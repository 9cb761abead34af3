// SPDX-License-Identifier: GPL-2.0
/* Second-generation observer: IPv4 only, one ring buffer record per packet,
 * built with libbpf's headers. Deployed on kernels >= 5.8 instead of
 * xdp_flowobs.o. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "pkt_parse.h"

struct flow_event_v4 {
	__u32 saddr;
	__u32 daddr;
	__u8 proto;
	__u8 pad[3];
	__u32 len;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 18);
} flow_events SEC(".maps");

SEC("xdp")
int xdp_flowobs_rb(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct flow_event_v4 *ev;
	struct iphdr *iph;
	__u16 proto;
	__u32 off;

	if (parse_ethhdr(data, data_end, &proto, &off) || proto != ETH_P_IP)
		return XDP_PASS;
	iph = parse_iphdr(data, data_end, &off);
	if (!iph)
		return XDP_PASS;

	ev = bpf_ringbuf_reserve(&flow_events, sizeof(*ev), 0);
	if (!ev)
		return XDP_PASS;
	ev->saddr = iph->saddr;
	ev->daddr = iph->daddr;
	ev->proto = iph->protocol;
	ev->len = data_end - data;
	bpf_ringbuf_submit(ev, 0);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
