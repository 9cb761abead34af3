/* One program body, configured by the .c file that includes it: which
 * layers it inspects is chosen with FEAT_* macros, and the conditions are
 * long enough to be continued over several lines. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define GATE_PASS XDP_PASS
#define GATE_DROP XDP_DROP

#if defined(FEAT_TCP) || \
	defined(FEAT_UDP)
static __always_inline int l4_allowed(__u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP;
}
#endif

SEC("xdp")
int GATE_NAME(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return GATE_DROP;
#if defined(FEAT_IPV4) || \
	defined(FEAT_TCP) || \
	defined(FEAT_UDP)
	struct iphdr *iph = (void *)(eth + 1);

	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return GATE_PASS;
	if ((void *)(iph + 1) > data_end)
		return GATE_DROP;
#if defined(FEAT_TCP) || \
	defined(FEAT_UDP)
	if (!l4_allowed(iph->protocol))
		return GATE_DROP;
#endif
#endif
	return GATE_PASS;
}

char _license[] SEC("license") = "GPL";
