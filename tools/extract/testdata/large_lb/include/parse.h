/* L3/L4 header parsing into a pkt_desc. */
#ifndef LB_PCKT_PARSING_H
#define LB_PCKT_PARSING_H

#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include "lb_helpers.h"
#include "lb_consts.h"
#include "lb_structs.h"

#define IP_FRAGMENTED 0x3fff

/* <linux/icmp.h> drags in libc socket headers; only this much is needed. */
#define LB_ICMP_ECHOREPLY 0
#define LB_ICMP_ECHO 8

struct icmp_echo_hdr {
	__u8 type;
	__u8 code;
	__sum16 checksum;
	__be16 id;
	__be16 sequence;
};

__lb_inline __u64 calc_offset(int is_ipv6, int is_icmp)
{
	__u64 off = sizeof(struct ethhdr);

	if (is_ipv6)
		off += sizeof(struct ipv6hdr);
	else
		off += sizeof(struct iphdr);
	if (is_icmp)
		off += sizeof(struct icmp_echo_hdr);
	return off;
}

__lb_inline int parse_udp(void *data, void *data_end, int is_ipv6,
			  struct pkt_desc *pd)
{
	struct udphdr *udp = data + calc_offset(is_ipv6, 0);

	if (!PCKT_FITS(udp, data_end))
		return 0;
	pd->flow.port16[0] = udp->source;
	pd->flow.port16[1] = udp->dest;
	return 1;
}

__lb_inline int parse_tcp(void *data, void *data_end, int is_ipv6,
			  struct pkt_desc *pd)
{
	struct tcphdr *tcp = data + calc_offset(is_ipv6, 0);

	if (!PCKT_FITS(tcp, data_end))
		return 0;
	if (tcp->syn)
		pd->flags |= PD_F_SYN;
	pd->flow.port16[0] = tcp->source;
	pd->flow.port16[1] = tcp->dest;
	return 1;
}

__lb_inline int parse_ipv4_hdr(void *data, void *data_end,
			       struct pkt_desc *pd, __u16 *pkt_bytes)
{
	struct iphdr *iph = data + sizeof(struct ethhdr);

	if (!PCKT_FITS(iph, data_end))
		return XDP_DROP;
	if (iph->ihl != 5)
		return XDP_DROP;
	if (iph->frag_off & bpf_htons(IP_FRAGMENTED))
		return XDP_DROP;
	pd->tos = iph->tos;
	pd->flow.proto = iph->protocol;
	pd->flow.src = iph->saddr;
	pd->flow.dst = iph->daddr;
	*pkt_bytes = bpf_ntohs(iph->tot_len);
	return -1;
}

__lb_inline int parse_ipv6_hdr(void *data, void *data_end,
			       struct pkt_desc *pd, __u16 *pkt_bytes)
{
	struct ipv6hdr *ip6h = data + sizeof(struct ethhdr);

	if (!PCKT_FITS(ip6h, data_end))
		return XDP_DROP;
	if (ip6h->nexthdr == IPPROTO_FRAGMENT)
		return XDP_DROP;
	pd->tos = (ip6h->priority << 4) | (ip6h->flow_lbl[0] >> 4);
	pd->flow.proto = ip6h->nexthdr;
	lb_memcpy(pd->flow.srcv6, ip6h->saddr.s6_addr32, 16);
	lb_memcpy(pd->flow.dstv6, ip6h->daddr.s6_addr32, 16);
	*pkt_bytes = bpf_ntohs(ip6h->payload_len) + sizeof(struct ipv6hdr);
	return -1;
}

/* Returns -1 to continue processing, or an XDP action. */
__lb_inline int process_l3_headers(void *data, void *data_end, int is_ipv6,
				   struct pkt_desc *pd, __u16 *pkt_bytes)
{
	if (is_ipv6)
		return parse_ipv6_hdr(data, data_end, pd, pkt_bytes);
	return parse_ipv4_hdr(data, data_end, pd, pkt_bytes);
}

#endif
