// Not portable to XDP: reads the ethertype with an LD_ABS load (the LLVM intrinsic behind
// iproute2's load_half) and keeps state in the skb control buffer.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");

SEC("tc")
int arp_main(struct __sk_buff *skb)
{
	if (load_half(skb, 12) == 0x0806)
		return TC_ACT_SHOT;
	skb->cb[0] = 1;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
