// SPDX-License-Identifier: GPL-2.0
/* Drops VLAN-tagged frames and frames too short for a tun packet-info
 * header. <linux/if_ether.h> is the project's copy (-Iinclude);
 * <linux/if_tun.h> is the system's and itself includes
 * <linux/if_ether.h>, which the build resolves to the project's copy. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/if_tun.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

static __always_inline int is_vlan(__be16 proto)
{
	return proto == bpf_htons(ETH_P_8021Q) || proto == bpf_htons(ETH_P_8021AD);
}

SEC("xdp")
int xdp_novlan(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if (data + ETH_HLEN + sizeof(struct tun_pi) > data_end)
		return XDP_DROP;
	return is_vlan(eth->h_proto) ? XDP_DROP : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
