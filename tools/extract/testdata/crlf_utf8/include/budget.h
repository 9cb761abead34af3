/* Packet budget per source — written on Windows: CRLF line endings.
 * Budgets are in µs of link time; « burst » is the allowance in packets. */
#ifndef BUDGET_H
#define BUDGET_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define BURST_PKTS 32 /* ≤ 64, see the design note */

struct budget {
	__u64 refill_ns;
	__u32 tokens;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 2048);
	__type(key, __u32);
	__type(value, struct budget);
} budgets SEC(".maps");

/* Refill: one token per millisecond → at most BURST_PKTS. */
static __always_inline __u32 refill(struct budget *b, __u64 now)
{
	__u64 add = (now - b->refill_ns) / 1000000;

	if (add) {
		b->refill_ns = now;
		b->tokens = b->tokens + add > BURST_PKTS ? BURST_PKTS : b->tokens + add;
	}
	return b->tokens;
}

#endif
