/* Program template: each src/filt_*.c defines FUNCNAME and FILT_MODE and
 * includes this file, producing one program per protocol selection. */
#ifndef FUNCNAME
#error "define FUNCNAME before including filt_prog.h"
#endif
#ifndef FILT_MODE
#error "define FILT_MODE before including filt_prog.h"
#endif

#include "filt_common.h"

static __always_inline int port_denied(__u16 port, __u8 proto)
{
	struct port_key key = { .port = port, .proto = proto };
	__u32 *v = bpf_map_lookup_elem(&filter_ports, &key);

	return v && *v == PORT_DENY;
}

#if FILT_MODE & MODE_TCP
static __always_inline int check_tcp(void *l4, void *data_end)
{
	struct tcphdr *th = l4;

	if ((void *)(th + 1) > data_end)
		return -1;
	return port_denied(bpf_ntohs(th->dest), IPPROTO_TCP);
}
#define CHECK_TCP(l4, end) check_tcp(l4, end)
#else
#define CHECK_TCP(l4, end) 0
#endif

#if FILT_MODE & MODE_UDP
static __always_inline int check_udp(void *l4, void *data_end)
{
	struct udphdr *uh = l4;

	if ((void *)(uh + 1) > data_end)
		return -1;
	return port_denied(bpf_ntohs(uh->dest), IPPROTO_UDP);
}
#define CHECK_UDP(l4, end) check_udp(l4, end)
#else
#define CHECK_UDP(l4, end) 0
#endif

static __always_inline int record(int verdict)
{
	__u32 slot = verdict == XDP_DROP;
	__u64 *cnt = bpf_map_lookup_elem(&filter_verdicts, &slot);

	if (cnt)
		*cnt += 1;
	return verdict;
}

SEC("xdp")
int FUNCNAME(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	int denied = 0;

	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->ihl != 5)
		return XDP_PASS;
	if (iph->protocol == IPPROTO_TCP)
		denied = CHECK_TCP(iph + 1, data_end);
	else if (iph->protocol == IPPROTO_UDP)
		denied = CHECK_UDP(iph + 1, data_end);
	if (denied < 0)
		return record(XDP_ABORTED);
	return record(denied ? XDP_DROP : XDP_PASS);
}

char _license[] SEC("license") = "GPL";
