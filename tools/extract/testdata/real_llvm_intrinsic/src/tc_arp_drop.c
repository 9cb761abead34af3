// SPDX-License-Identifier: GPL-2.0
/* Drops ARP requests; reads the frame with BPF_LD_ABS loads. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

#include "ld_abs.h"

#define ARP_OP_OFF (ETH_HLEN + 6)

SEC("tc")
int tc_arp_drop(struct __sk_buff *skb)
{
	if (load_half(skb, offsetof(struct ethhdr, h_proto)) != ETH_P_ARP)
		return TC_ACT_OK;
	return load_half(skb, ARP_OP_OFF) == 1 ? TC_ACT_SHOT : TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
