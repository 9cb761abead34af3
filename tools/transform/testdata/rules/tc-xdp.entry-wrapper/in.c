#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

static int prog(struct __sk_buff *skb);

__attribute__((section("classifier"), used))
static int prog(struct __sk_buff *skb)
{
	return skb->data_end - skb->data > 60 ? TC_ACT_SHOT : TC_ACT_UNSPEC;
}

char _license[] SEC("license") = "GPL";
