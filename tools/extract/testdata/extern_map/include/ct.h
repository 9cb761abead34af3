/* Connection tracking shared by several BPF objects. The table itself is
 * defined by the platform's common object (another repository) and linked
 * in with `bpftool gen object`; this repository only declares it. */
#ifndef CT_H
#define CT_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define CT_NEW 0
#define CT_ESTABLISHED 1

struct ct_key {
	__u32 saddr;
	__u32 daddr;
	__u16 sport;
	__u16 dport;
};

struct ct_val {
	__u64 last_seen;
	__u32 state;
	__u32 pad;
};

struct ct_table_map {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 8192);
	__type(key, struct ct_key);
	__type(value, struct ct_val);
};

extern struct ct_table_map ct_table SEC(".maps");

#endif
