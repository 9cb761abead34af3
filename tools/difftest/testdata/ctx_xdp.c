/* Context check, XDP side: drops IPv6 frames (by EtherType) and any frame that did not
 * arrive on ifindex 1; ctx_tc.c decides the same from skb->protocol and the skb's
 * ifindex fields, so the pair is equal only if difftest's __sk_buff says the frame came in
 * on the loopback device, as an XDP test run does, and the kernel set skb->protocol from
 * the EtherType. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("xdp")
int ctx_xdp(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_ABORTED;
	if (ctx->ingress_ifindex != 1)
		return XDP_DROP;
	if (eth->h_proto == bpf_htons(ETH_P_IPV6))
		return XDP_DROP;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
