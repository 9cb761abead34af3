// iproute2-style (tc) object: legacy struct bpf_elf_map definitions in the
// "maps" section, pinned in the global namespace, with an array-of-maps
// whose inner map prototype is named by id (inner_id), as tc(8) expects.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

struct bpf_elf_map {
	__u32 type;
	__u32 size_key;
	__u32 size_value;
	__u32 max_elem;
	__u32 flags;
	__u32 id;
	__u32 pinning;
	__u32 inner_id;
	__u32 inner_idx;
};

#define PIN_GLOBAL_NS 2

struct bpf_elf_map SEC("maps") a_counter = {
	.type = BPF_MAP_TYPE_ARRAY,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u32),
	.max_elem = 1,
};

struct bpf_elf_map SEC("maps") tenant_proto = {
	.type = BPF_MAP_TYPE_HASH,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u64) * 2,
	.max_elem = 128,
	.id = 7,
};

struct bpf_elf_map SEC("maps") tenants = {
	.type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u32),
	.max_elem = 16,
	.pinning = PIN_GLOBAL_NS,
	.inner_id = 7,
};

SEC("classifier")
int tc_tenant(struct __sk_buff *skb)
{
	__u32 tenant = skb->mark & 15;
	__u32 key = skb->ifindex;
	__u64 *quota;
	void *inner;

	inner = bpf_map_lookup_elem(&tenants, &tenant);
	if (!inner)
		return TC_ACT_OK;
	quota = bpf_map_lookup_elem(inner, &key);
	if (quota && quota[1] > quota[0])
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
