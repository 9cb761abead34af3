// An XDP decapsulator with a bug: the inner header is read without a
// bounds check, so the verifier rejects it. The unit's functions.json
// (decap_reject.functions.json) says these functions came from
// src/decap.c, to test mapping verifier lines back to the original file.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

static __always_inline int inner_protocol(void *data, void *data_end)
{
	struct iphdr *outer = data + sizeof(struct ethhdr);
	struct iphdr *inner = (void *)(outer + 1);

	if ((void *)(outer + 1) > data_end)
		return -1;
	return inner->protocol; /* rejected: inner not bounds-checked */
}

SEC("xdp")
int xdp_decap(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	int proto = inner_protocol(data, data_end);

	if (proto == IPPROTO_TCP)
		return XDP_PASS;
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
