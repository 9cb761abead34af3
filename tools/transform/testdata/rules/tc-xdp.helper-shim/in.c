#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int prog(struct __sk_buff *skb)
{
	__u32 v = 0;

	if (bpf_skb_pull_data(skb, 20) || bpf_skb_load_bytes(skb, 26, &v, 4))
		return TC_ACT_OK;
	bpf_l3_csum_replace(skb, 24, v, v + 1, 4);
	bpf_l4_csum_replace(skb, 40, v, v + 1, BPF_F_PSEUDO_HDR | 4);
	v++;
	bpf_skb_store_bytes(skb, 26, &v, 4, 0);
	return bpf_redirect(1, 0);
}

char _license[] SEC("license") = "GPL";
