/* Egress shaper: types, configuration globals and map macros. */
#ifndef SHAPER_H
#define SHAPER_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define NSEC_PER_SEC 1000000000ULL
#define SHAPER_BUCKETS 256

typedef __u32 class_id_t;

typedef enum {
	SHAPE_PASS = 0,
	SHAPE_DELAY = 1,
	SHAPE_DROP = 2,
} shape_verdict_t;

typedef struct {
	__u64 tokens;
	__u64 last_ns;
} bucket_t;

struct class_rate {
	__u64 bytes_per_sec;
	__u64 burst;
};

/* Legacy per-class histogram, only for the debug program. */
typedef struct {
	__u64 slots[8];
} histogram_t;

/* Maps are declared through one macro, as in many tc projects. */
#define DECLARE_ARRAY_MAP(_name, _val, _n)          \
	struct {                                    \
		__uint(type, BPF_MAP_TYPE_ARRAY);   \
		__uint(max_entries, _n);            \
		__type(key, __u32);                 \
		__type(value, _val);                \
	} _name SEC(".maps")

#endif
