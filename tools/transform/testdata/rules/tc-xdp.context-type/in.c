#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

static __always_inline int ok(struct __sk_buff *skb)
{
	return skb->data_end > skb->data;
}

SEC("tc")
int prog(struct __sk_buff *skb)
{
	struct __sk_buff *s = (struct __sk_buff *)skb;

	return ok(s) ? TC_ACT_OK : TC_ACT_SHOT;
}

char _license[] SEC("license") = "GPL";
