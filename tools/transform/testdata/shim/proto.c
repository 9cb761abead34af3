// Kernel test of opened_tc_shim.h: XDP-style decapsulation that changes the frame's protocol
// at tc, then the protocol sync. Each program returns skb->protocol.
#include "opened_tc_shim.h"

#define PROG(name) __attribute__((section("tc"), used)) int name(struct __sk_buff *skb)

static inline __attribute__((always_inline)) int decap_to(struct __sk_buff *skb, int outer, __u16 proto)
{
	__u16 p = OPENED_BE16(proto);

	if (opened_tc_xdp_adjust_head(skb, outer))
		return -1;
	if (opened_skb_store_bytes(skb, 12, &p, sizeof(p), 0))
		return -2;
	opened_tc_sync_proto(skb);
	return skb->protocol;
}

/* IPv6 in IPv4: drop the 20-byte outer IPv4 header. */
PROG(v4_to_v6) { return decap_to(skb, 20, OPENED_ETH_P_IPV6); }

/* IPv4 in IPv6: drop the 40-byte outer IPv6 header. */
PROG(v6_to_v4) { return decap_to(skb, 40, OPENED_ETH_P_IP); }

/* Growing by 4 at the front: the XDP view of a VLAN push before the tag is written. */
PROG(grow4) { return opened_tc_xdp_adjust_head(skb, -4) ? -1 : (int)skb->len; }

char _license[] __attribute__((section("license"), used)) = "GPL";
