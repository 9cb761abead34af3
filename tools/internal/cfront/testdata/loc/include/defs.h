#ifndef DEFS_H
#define DEFS_H
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define NAME_OF(x) x##_prog
#define LONG_MACRO(a) \
	((a) + \
	 1)

typedef struct {
	__u32 a;
} pair_t;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, pair_t);
} pairs SEC(".maps");
#endif
