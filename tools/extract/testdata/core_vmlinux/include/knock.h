/* Port knocking: a source must hit the knock ports in order before the
 * protected port opens for it. */
#ifndef KNOCK_H
#define KNOCK_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Not in vmlinux.h: UAPI macros are redefined by the project. */
#define ETH_P_IP 0x0800
#define IPPROTO_TCP 6
#define KNOCK_STEPS 3
#define KNOCK_TIMEOUT_NS (5ULL * 1000000000ULL)

struct knock_state {
	__u64 last_ns;
	__u32 step;
	__u32 open;
};

struct knock_cfg {
	__u16 ports[KNOCK_STEPS];
	__u16 protected_port;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __be32);
	__type(value, struct knock_state);
} knock_states SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct knock_cfg);
} knock_config SEC(".maps");

#endif
