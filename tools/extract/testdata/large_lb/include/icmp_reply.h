/* Answers ICMP echo requests sent to a VIP. */
#ifndef LB_HANDLE_ICMP_H
#define LB_HANDLE_ICMP_H

#include "parse.h"
#include "csum_helpers.h"

__lb_inline void swap_mac(struct ethhdr *eth)
{
	__u8 tmp[ETH_ALEN];

	lb_memcpy(tmp, eth->h_source, ETH_ALEN);
	lb_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
	lb_memcpy(eth->h_dest, tmp, ETH_ALEN);
}

__lb_inline int icmp_echo_back(void *data, void *data_end)
{
	struct iphdr *iph = data + sizeof(struct ethhdr);
	struct icmp_echo_hdr *icmp = data + calc_offset(0, 0);
	__u64 csum = 0;
	__be32 tmp;

	if (!PCKT_FITS(icmp, data_end))
		return XDP_DROP;
	icmp->type = LB_ICMP_ECHOREPLY;
	/* Echo request -> reply changes the type byte by 8. */
	icmp->checksum += 0x0008;
	iph->ttl = DEFAULT_TTL;
	tmp = iph->daddr;
	iph->daddr = iph->saddr;
	iph->saddr = tmp;
	iph->check = 0;
	csum_v4_fold(iph, &csum);
	iph->check = csum;
	swap_mac(data);
	return XDP_TX;
}

__lb_inline int parse_icmp(void *data, void *data_end)
{
	struct icmp_echo_hdr *icmp = data + calc_offset(0, 0);

	if (!PCKT_FITS(icmp, data_end))
		return XDP_DROP;
	if (icmp->type == LB_ICMP_ECHO)
		return icmp_echo_back(data, data_end);
	return XDP_PASS;
}

/* IPv6 counterpart; the balancer passes ICMPv6 to the kernel instead. */
__lb_inline int parse_icmpv6(void *data, void *data_end)
{
	return data < data_end ? XDP_PASS : XDP_DROP;
}

#endif
