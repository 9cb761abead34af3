// SPDX-License-Identifier: GPL-2.0
/* tc egress: sends health-check probes (marked by the prober) to the real
 * named by skb->mark, through an IPIP tunnel device. */
#include "lb_helpers.h"
#include "probe.h"

SEC("tc")
int probe_encap_prog(struct __sk_buff *skb)
{
	struct bpf_tunnel_key tkey = {};
	struct probe_target *real;

	if (!skb->mark)
		return TC_ACT_UNSPEC;
	real = probe_lookup(skb->mark);
	if (!real)
		return TC_ACT_UNSPEC;
	tkey.remote_ipv4 = bpf_ntohl(real->daddr);
	tkey.tunnel_ttl = DEFAULT_TTL;
	if (bpf_skb_set_tunnel_key(skb, &tkey, sizeof(tkey), 0))
		return TC_ACT_SHOT;
	skb->mark = 0;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
