/* Generated from rules/acl.rules by the project's rule compiler. Do not
 * edit. #line directives point back at the rule source. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct acl_key {
	__be32 dst;
	__be16 dport;
	__u16 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct acl_key);
	__type(value, __u8);
} acl_table SEC(".maps");

#line 3 "rules/acl.rules"
static __always_inline int acl_match(struct iphdr *iph, struct udphdr *uh)
{
	struct acl_key key = { .dst = iph->daddr, .dport = uh->dest };

#line 5 "rules/acl.rules"
	return bpf_map_lookup_elem(&acl_table, &key) != 0;
}

#line 2 "rules/acl.rules"
SEC("xdp")
int xdp_acl_gen(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *uh = (void *)(iph + 1);

	if ((void *)(uh + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->ihl != 5 ||
	    iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
#line 5 "rules/acl.rules"
	if (acl_match(iph, uh))
		return XDP_DROP;
#line 6 "rules/acl.rules"
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
