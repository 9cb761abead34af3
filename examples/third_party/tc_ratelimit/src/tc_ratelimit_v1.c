// SPDX-License-Identifier: GPL-2.0
/* Version 1 of the limiter, kept for nodes still running the old control
 * plane: one global rate from a compile-time constant, per-second windows. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#include "bpf_api.h"
#include "bpf_elf.h"
#include "rl_parse.h"
#include "legacy/tb_v1.h"

#ifndef RL_V1_RATE_PPS
#define RL_V1_RATE_PPS 1000
#endif

struct bpf_elf_map __section("maps") rl_v1_buckets = {
	.type = BPF_MAP_TYPE_HASH,
	.size_key = sizeof(__u32),
	.size_value = sizeof(struct rl_bucket_v1),
	.max_elem = 4096,
	.pinning = PIN_NONE,
};

__section_cls_entry
int rl_v1_ingress(struct __sk_buff *skb)
{
	struct rl_bucket_v1 *b, fresh = {};
	__u64 now = ktime_get_ns();
	__u32 saddr;

	if (rl_get_saddr(skb, &saddr) < 0)
		return TC_ACT_OK;
	b = map_lookup_elem(&rl_v1_buckets, &saddr);
	if (!b) {
		fresh.tokens = RL_V1_RATE_PPS - 1;
		fresh.window_start_ns = now;
		map_update_elem(&rl_v1_buckets, &saddr, &fresh, BPF_NOEXIST);
		return TC_ACT_OK;
	}
	tb_refill(b, RL_V1_RATE_PPS, now);
	if (!b->tokens)
		return TC_ACT_SHOT;
	b->tokens--;
	return TC_ACT_OK;
}

BPF_LICENSE("GPL");
