// SPDX-License-Identifier: GPL-2.0
/* tc egress token-bucket shaper keyed by skb->priority. Configuration comes
 * from read-only globals set by the loader; statistics are plain globals. */
#include "shaper.h"

DECLARE_ARRAY_MAP(buckets, bucket_t, SHAPER_BUCKETS);
DECLARE_ARRAY_MAP(rates, struct class_rate, SHAPER_BUCKETS);
DECLARE_ARRAY_MAP(histograms, histogram_t, SHAPER_BUCKETS);

/* Set by the loader before load (.rodata). */
const volatile __u32 cfg_default_class = 0;
const volatile __u8 cfg_drop_over_burst = 1;
const volatile __u32 cfg_debug_level = 0;

/* Burst multiplier per class priority (a static lookup table, .rodata). */
static const __u8 prio_burst_mult[8] = { 1, 1, 2, 2, 4, 4, 8, 8 };

/* Histogram bucket limits, only for the debug program. */
static const __u16 hist_limits[8] = { 64, 128, 256, 512, 1024, 1500, 9000, 65535 };

/* Counters read by user space (.bss / .data). */
__u64 shaped_pkts = 0;
__u64 dropped_pkts = 7;
__u64 debug_events;

static __attribute__((noinline)) class_id_t classify(struct __sk_buff *skb)
{
	class_id_t cls = skb->priority & 0xff;

	return cls ? cls : cfg_default_class;
}

static __always_inline __u64 refill(bucket_t *b, struct class_rate *r, __u64 now)
{
	__u64 delta = now - b->last_ns;
	__u64 tokens = b->tokens + delta * r->bytes_per_sec / NSEC_PER_SEC;
	__u64 burst = r->burst * prio_burst_mult[b->last_ns & 7];

	b->last_ns = now;
	return tokens > burst ? burst : tokens;
}

static __always_inline shape_verdict_t take(bucket_t *b, struct class_rate *r,
					    __u32 len)
{
	b->tokens = refill(b, r, bpf_ktime_get_ns());
	if (b->tokens >= len) {
		b->tokens -= len;
		return SHAPE_PASS;
	}
	return cfg_drop_over_burst ? SHAPE_DROP : SHAPE_DELAY;
}

static __always_inline void record_debug(class_id_t cls, __u32 len)
{
	histogram_t *h = bpf_map_lookup_elem(&histograms, &cls);

	if (h && cfg_debug_level && len <= hist_limits[7])
		h->slots[len >> 8 & 7]++;
	debug_events++;
}

SEC("tc")
int tc_shaper(struct __sk_buff *skb)
{
	class_id_t cls = classify(skb);
	struct class_rate *r = bpf_map_lookup_elem(&rates, &cls);
	bucket_t *b = bpf_map_lookup_elem(&buckets, &cls);
	shape_verdict_t v;

	if (!r || !b || !r->bytes_per_sec)
		return TC_ACT_OK;
	v = take(b, r, skb->len);
	if (v == SHAPE_DROP) {
		__sync_fetch_and_add(&dropped_pkts, 1);
		return TC_ACT_SHOT;
	}
	if (v == SHAPE_DELAY)
		skb->tstamp = bpf_ktime_get_ns() + NSEC_PER_SEC / 1000;
	__sync_fetch_and_add(&shaped_pkts, 1);
	return TC_ACT_OK;
}

SEC("tc")
int tc_shaper_debug(struct __sk_buff *skb)
{
	record_debug(classify(skb), skb->len);
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
