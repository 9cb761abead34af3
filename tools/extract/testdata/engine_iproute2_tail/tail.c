// SPDX-License-Identifier: GPL-2.0
/* tc program that tail-calls per-family programs installed by tc. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define __section(NAME) __attribute__((section(NAME), used))
#define __stringify(X) #X
#define __section_tail(ID, KEY) __section(__stringify(ID) "/" __stringify(KEY))

struct bpf_elf_map {
	__u32 type;
	__u32 size_key;
	__u32 size_value;
	__u32 max_elem;
	__u32 flags;
	__u32 id;
	__u32 pinning;
};

#define JMP_ID 7

struct bpf_elf_map __section("maps") jmp_map = {
	.type = BPF_MAP_TYPE_PROG_ARRAY,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u32),
	.max_elem = 2,
	.id = JMP_ID,
};

struct bpf_elf_map __section("maps") other_map = {
	.type = BPF_MAP_TYPE_PROG_ARRAY,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u32),
	.max_elem = 1,
	.id = 9,
};

static __always_inline int mark_v4(struct __sk_buff *skb)
{
	skb->mark = 4;
	return TC_ACT_OK;
}

__section_tail(JMP_ID, 0)
int slot_v4(struct __sk_buff *skb)
{
	return mark_v4(skb);
}

__section_tail(JMP_ID, 1)
int slot_v6(struct __sk_buff *skb)
{
	skb->mark = 6;
	return TC_ACT_OK;
}

__section_tail(9, 0)
int slot_other(struct __sk_buff *skb)
{
	return TC_ACT_SHOT;
}

__section("classifier")
int tc_entry(struct __sk_buff *skb)
{
	__u32 slot = skb->protocol == bpf_htons(0x86DD) ? 1 : 0;

	bpf_tail_call(skb, &jmp_map, slot);
	return TC_ACT_OK;
}

__section("classifier_unused")
int tc_unused(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &other_map, 0);
	return TC_ACT_OK;
}

char __license[] __section("license") = "GPL";
