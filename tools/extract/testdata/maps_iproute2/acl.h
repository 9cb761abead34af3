#ifndef TC_ACL_H
#define TC_ACL_H

#include "tc_common.h"

#define ACL_ALLOW 0
#define ACL_DENY 1

enum stat_idx {
	STAT_ALLOWED,
	STAT_DENIED,
	STAT_JUMP_FAILED,
	STAT_MAX,
};

struct acl_key {
	__u32 ifindex;
	__u16 proto;
	__u16 pad;
};

struct egress_stat {
	__u64 bytes;
};

/* ACL entries are written by the policy daemon through the pinned map. */
struct bpf_elf_map __section("maps") tc_acl = {
	.type = BPF_MAP_TYPE_HASH,
	.size_key = sizeof(struct acl_key),
	.size_value = sizeof(__u32),
	.max_elem = 1024,
	.pinning = PIN_GLOBAL_NS,
};

struct bpf_elf_map __section("maps") tc_stats = {
	.type = BPF_MAP_TYPE_PERCPU_ARRAY,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u64),
	.max_elem = STAT_MAX,
	.pinning = PIN_NONE,
};

/* Per-protocol programs are loaded by other objects and inserted by tc. */
struct bpf_elf_map __section("maps") jmp_tc = {
	.type = BPF_MAP_TYPE_PROG_ARRAY,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u32),
	.max_elem = JMP_MAP_SLOTS,
	.pinning = PIN_GLOBAL_NS,
};

/* Per-VLAN ACLs: tc creates the outer map with inner maps shaped like the
 * template with id ACL_INNER_ID; the policy daemon inserts one per VLAN. */
#define ACL_INNER_ID 42

struct bpf_elf_map __section("maps") vlan_acl_tmpl = {
	.type = BPF_MAP_TYPE_HASH,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u32),
	.max_elem = 256,
	.id = ACL_INNER_ID,
};

struct bpf_elf_map __section("maps") vlan_acls = {
	.type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u32),
	.max_elem = 4096,
	.inner_id = ACL_INNER_ID,
	.pinning = PIN_GLOBAL_NS,
};

struct bpf_elf_map __section("maps") tc_egress_stats = {
	.type = BPF_MAP_TYPE_ARRAY,
	.size_key = sizeof(__u32),
	.size_value = sizeof(struct egress_stat),
	.max_elem = 1,
};

static __always_inline void stat_bump(__u32 idx)
{
	__u64 *v = bpf_map_lookup_elem(&tc_stats, &idx);

	if (v)
		__sync_fetch_and_add(v, 1);
}

static __always_inline __u32 acl_verdict(__u32 ifindex, __u16 proto)
{
	struct acl_key key = { .ifindex = ifindex, .proto = proto };
	__u32 *v = bpf_map_lookup_elem(&tc_acl, &key);

	return v ? *v : ACL_ALLOW;
}

static __always_inline __u32 vlan_verdict(__u32 vlan, __u32 ifindex)
{
	void *acl = bpf_map_lookup_elem(&vlan_acls, &vlan);
	__u32 *v;

	if (!acl)
		return ACL_ALLOW;
	v = bpf_map_lookup_elem(acl, &ifindex);
	return v ? *v : ACL_ALLOW;
}

#endif
