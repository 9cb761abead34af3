// SPDX-License-Identifier: GPL-2.0
/* tc ingress rate limiter: a token bucket per IPv4 source address.
 *
 *   tc filter add dev eth0 ingress bpf da obj tc_ratelimit.o sec classifier
 *
 * The configuration map is pinned in tc's global namespace
 * (/sys/fs/bpf/tc/globals/rl_config); without an enabled configuration
 * every packet passes. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#include "bpf_api.h"
#include "bpf_elf.h"
#include "rl_types.h"
#include "token_bucket.h"
#include "rl_parse.h"

struct bpf_elf_map __section("maps") rl_config = {
	.type = BPF_MAP_TYPE_ARRAY,
	.size_key = sizeof(__u32),
	.size_value = sizeof(struct rl_config),
	.max_elem = 1,
	.pinning = PIN_GLOBAL_NS,
};

struct bpf_elf_map __section("maps") rl_buckets = {
	.type = BPF_MAP_TYPE_LRU_HASH,
	.size_key = sizeof(__u32),
	.size_value = sizeof(struct rl_bucket),
	.max_elem = RL_BUCKETS_MAX,
	.pinning = PIN_NONE,
};

/* Sources never limited; the control plane fills it, the data path does
 * not look at it yet. */
struct bpf_elf_map __section("maps") rl_exempt = {
	.type = BPF_MAP_TYPE_HASH,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u32),
	.max_elem = RL_EXEMPT_MAX,
	.pinning = PIN_GLOBAL_NS,
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, __RL_STAT_MAX);
	__type(key, __u32);
	__type(value, __u64);
} rl_stats __section(".maps");

static __inline void rl_count(__u32 idx)
{
	__u64 *cnt = map_lookup_elem(&rl_stats, &idx);

	if (cnt)
		*cnt += 1;
}

static __inline struct rl_config *rl_get_config(void)
{
	__u32 zero = 0;
	struct rl_config *cfg = map_lookup_elem(&rl_config, &zero);

	if (!cfg || !(cfg->flags & RL_F_ENABLED) || !cfg->rate_pps)
		return NULL;
	return cfg;
}

static __inline int rl_verdict(const struct rl_config *cfg, int conforming)
{
	if (conforming) {
		rl_count(RL_STAT_PASS);
		return TC_ACT_OK;
	}
	if (cfg->flags & RL_F_DRY_RUN) {
		rl_count(RL_STAT_DRY_RUN_DROP);
		return TC_ACT_OK;
	}
	rl_count(RL_STAT_DROP);
	return TC_ACT_SHOT;
}

__section_cls_entry
int rl_ingress(struct __sk_buff *skb)
{
	struct rl_config *cfg;
	struct rl_bucket *b, fresh;
	__u32 saddr;
	__u64 now;

	cfg = rl_get_config();
	if (!cfg)
		return TC_ACT_OK;
	if (rl_get_saddr(skb, &saddr) < 0) {
		rl_count(RL_STAT_NON_IPV4);
		return TC_ACT_OK;
	}

	now = ktime_get_ns();
	b = map_lookup_elem(&rl_buckets, &saddr);
	if (!b) {
		tb_init(&fresh, cfg, now);
		tb_consume(&fresh);
		map_update_elem(&rl_buckets, &saddr, &fresh, BPF_NOEXIST);
		return rl_verdict(cfg, 1);
	}
	tb_refill(b, cfg, now);
	return rl_verdict(cfg, tb_consume(b));
}

BPF_LICENSE("GPL");
