/* IPIP / IP6IP6 encapsulation towards the selected real. */
#ifndef LB_PCKT_ENCAP_H
#define LB_PCKT_ENCAP_H

#include "parse.h"
#include "csum_helpers.h"

__lb_inline void build_outer_v4(struct iphdr *iph, __u8 tos, __u32 saddr,
			       __u32 daddr, __u16 pkt_bytes, __u8 proto)
{
	__u64 csum = 0;

	iph->version = 4;
	iph->ihl = 5;
	iph->frag_off = 0;
	iph->protocol = proto;
	iph->check = 0;
	iph->tos = tos;
	iph->tot_len = bpf_htons(pkt_bytes + sizeof(struct iphdr));
	iph->id = 0;
	iph->daddr = daddr;
	iph->saddr = saddr;
	iph->ttl = DEFAULT_TTL;
	csum_v4_fold(iph, &csum);
	iph->check = csum;
}

__lb_inline void build_outer_v6(struct ipv6hdr *ip6h, __u8 tos, __u32 *saddr,
			       __u32 *daddr, __u16 payload_len, __u8 proto)
{
	lb_memset(ip6h, 0, sizeof(*ip6h));
	ip6h->version = 6;
	ip6h->priority = (tos & 0xf0) >> 4;
	ip6h->flow_lbl[0] = (tos & 0x0f) << 4;
	ip6h->nexthdr = proto;
	ip6h->payload_len = bpf_htons(payload_len);
	ip6h->hop_limit = DEFAULT_TTL;
	lb_memcpy(ip6h->saddr.s6_addr32, saddr, 16);
	lb_memcpy(ip6h->daddr.s6_addr32, daddr, 16);
}

__lb_inline int set_eth_hdrs(struct ethhdr *new_eth, struct ethhdr *old_eth,
			     struct lb_ctl_val *cval, __u16 proto)
{
	lb_memcpy(new_eth->h_source, old_eth->h_dest, ETH_ALEN);
	lb_memcpy(new_eth->h_dest, cval->mac, ETH_ALEN);
	new_eth->h_proto = bpf_htons(proto);
	return 0;
}

__lb_inline int encap_v4(struct xdp_md *xdp, struct lb_ctl_val *cval,
			 struct pkt_desc *pd,
			 struct backend *dst, __u16 pkt_bytes)
{
	void *data;
	void *data_end;
	struct iphdr *iph;
	struct ethhdr *new_eth;
	struct ethhdr *old_eth;
	__u32 ip_src = bpf_htonl(IPIP_V4_PREFIX | (pd->flow.port16[0] & 0xffff));

	if (bpf_xdp_adjust_head(xdp, 0 - (int)sizeof(struct iphdr)))
		return 0;
	data = (void *)(long)xdp->data;
	data_end = (void *)(long)xdp->data_end;
	new_eth = data;
	iph = data + sizeof(struct ethhdr);
	old_eth = data + sizeof(struct iphdr);
	if (!PCKT_FITS(new_eth, data_end) || !PCKT_FITS(old_eth, data_end) ||
	    !PCKT_FITS(iph, data_end))
		return 0;
	set_eth_hdrs(new_eth, old_eth, cval, ETH_P_IP);
	build_outer_v4(iph, pd->tos, ip_src, dst->dst, pkt_bytes, IPPROTO_IPIP);
	return 1;
}

__lb_inline int encap_v6(struct xdp_md *xdp, struct lb_ctl_val *cval, int is_ipv6,
			 struct pkt_desc *pd,
			 struct backend *dst, __u16 pkt_bytes)
{
	void *data;
	void *data_end;
	struct ipv6hdr *ip6h;
	struct ethhdr *new_eth;
	struct ethhdr *old_eth;
	__u32 saddr[4];
	__u8 proto = is_ipv6 ? IPPROTO_IPV6 : IPPROTO_IPIP;

	saddr[0] = TUN_V6_PFX_HI;
	saddr[1] = TUN_V6_PFX_LO;
	saddr[2] = 0;
	saddr[3] = pd->flow.src ^ pd->flow.port16[0];
	if (bpf_xdp_adjust_head(xdp, 0 - (int)sizeof(struct ipv6hdr)))
		return 0;
	data = (void *)(long)xdp->data;
	data_end = (void *)(long)xdp->data_end;
	new_eth = data;
	ip6h = data + sizeof(struct ethhdr);
	old_eth = data + sizeof(struct ipv6hdr);
	if (!PCKT_FITS(new_eth, data_end) || !PCKT_FITS(old_eth, data_end) ||
	    !PCKT_FITS(ip6h, data_end))
		return 0;
	set_eth_hdrs(new_eth, old_eth, cval, ETH_P_IPV6);
	build_outer_v6(ip6h, pd->tos, saddr, dst->dstv6, pkt_bytes, proto);
	return 1;
}

/* Decap counterpart, used by src/tunnel_strip.c. */
__lb_inline int strip_v4(struct xdp_md *xdp, void **data, void **data_end)
{
	struct ethhdr *new_eth;
	struct ethhdr *old_eth;

	old_eth = *data;
	new_eth = *data + sizeof(struct iphdr);
	if (!PCKT_FITS(new_eth, *data_end))
		return 0;
	lb_memcpy(new_eth->h_source, old_eth->h_source, ETH_ALEN);
	lb_memcpy(new_eth->h_dest, old_eth->h_dest, ETH_ALEN);
	new_eth->h_proto = bpf_htons(ETH_P_IP);
	if (bpf_xdp_adjust_head(xdp, (int)sizeof(struct iphdr)))
		return 0;
	*data = (void *)(long)xdp->data;
	*data_end = (void *)(long)xdp->data_end;
	return 1;
}

#endif
