/* A small UDP tunnel header and its options. */
#ifndef TUN_H
#define TUN_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif

#define TUN_PORT 4789
#define TUN_F_SEEN 0x80

/* Only ever named in sizeof() and offsetof(). */
struct tun_hdr {
	__u8 ver;
	__u8 flags;
	__be16 proto;
	__be32 vni;
	__u8 opt_len;
	__u8 rsvd[3];
};

/* Only ever named in a cast. */
struct tun_opt {
	__u8 type;
	__u8 len;
	__be16 value;
};

/* Enumerator used only as a loop bound. */
enum tun_limits {
	TUN_MAX_OPTS = 4,
};

/* Typedef used only in a cast. */
typedef __u32 vni_t;

/* Types the tc program never names. */
struct tun_stats {
	__u64 rx;
	__u64 tx;
};

enum tun_errors {
	TUN_ERR_SHORT = 1,
	TUN_ERR_VERSION = 2,
};

#define TUN_HDR_OFF (sizeof(struct ethhdr) + sizeof(struct iphdr) + sizeof(struct udphdr))

#endif
