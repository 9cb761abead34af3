/* SPDX-License-Identifier: GPL-2.0 */
/* Data maps of the ACL. The program array lives next to the programs it
 * refers to, in xdp_acl.c. */
#ifndef __ACL_MAPS_H
#define __ACL_MAPS_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "acl_common.h"

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, ACL_V4_MAX_RULES);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct acl_v4_key);
	__type(value, struct acl_rule);
} acl_v4 SEC(".maps");

/* IPv6 rules: loaded by the control plane, matched in a later release. */
struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, ACL_V6_MAX_RULES);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct acl_v6_key);
	__type(value, struct acl_rule);
} acl_v6 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct acl_pkt_meta);
} acl_scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, ACL_CNT_MAX);
	__type(key, __u32);
	__type(value, __u64);
} acl_counters SEC(".maps");

#endif /* __ACL_MAPS_H */
