#ifndef PROGS_HELPERS_H
#define PROGS_HELPERS_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u8[ETH_ALEN]);
	__type(value, __u32);
} mac_allow SEC(".maps");

static __always_inline void mark_seen(__u32 which)
{
	__u64 *v = bpf_map_lookup_elem(&seen, &which);

	if (v)
		__sync_fetch_and_add(v, 1);
}

static __always_inline int mac_allowed(struct ethhdr *eth)
{
	return bpf_map_lookup_elem(&mac_allow, eth->h_source) != 0;
}

static __always_inline int is_vlan(__u16 proto)
{
	return proto == bpf_htons(ETH_P_8021Q) || proto == bpf_htons(ETH_P_8021AD);
}

#endif
