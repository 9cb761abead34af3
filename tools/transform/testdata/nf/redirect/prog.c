// Redirect at XDP: UDP traffic goes to the device in redirect_cfg (bpf_redirect); frames
// whose first payload byte asks for it try flags XDP refuses (an XDP_ABORTED path).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} redirect_cfg SEC(".maps");

SEC("xdp")
int redirect_main(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *udph = (void *)(iph + 1);
	__u32 key = 0, *ifindex;
	__u8 *payload = (void *)(udph + 1);

	if ((void *)(payload + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if (iph->ihl != 5 || iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	ifindex = bpf_map_lookup_elem(&redirect_cfg, &key);
	if (!ifindex || !*ifindex)
		return XDP_PASS;
	if (*payload == 0xff)
		return bpf_redirect(*ifindex, 1);
	return bpf_redirect(*ifindex, 0);
}

char _license[] SEC("license") = "GPL";
