/* Protocol constants and a header layout shipped by a library outside the
 * repository; the build selects the byte order with -DNETKIT_LITTLE_ENDIAN
 * or -DNETKIT_BIG_ENDIAN, as libbpf's bpf_tracing.h wants __TARGET_ARCH_xxx. */
#ifndef NETKIT_PROTO_H
#define NETKIT_PROTO_H

#include <linux/types.h>

#if defined(NETKIT_LITTLE_ENDIAN)
#define NETKIT_HTONS(x) ((__u16)((((x) & 0xff) << 8) | (((x) >> 8) & 0xff)))
#elif defined(NETKIT_BIG_ENDIAN)
#define NETKIT_HTONS(x) ((__u16)(x))
#else
#error "netkit/proto.h: define NETKIT_LITTLE_ENDIAN or NETKIT_BIG_ENDIAN"
#endif

#define NETKIT_ETH_P_IPV6 0x86DD

struct netkit_eth {
	unsigned char dst[6];
	unsigned char src[6];
	__u16 proto;
};

#endif
