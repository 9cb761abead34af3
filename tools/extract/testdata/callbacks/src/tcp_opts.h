/* TCP option scanning with bpf_loop and a quota check with
 * bpf_for_each_map_elem: helpers that take a callback function. */
#ifndef TCP_OPTS_H
#define TCP_OPTS_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define TCPOPT_EOL 0
#define TCPOPT_NOP 1
#define TCPOPT_MSS 2
#define MAX_OPT_BYTES 40
#define MSS_FLOOR 536

struct opt_scan {
	struct xdp_md *ctx;
	__u32 off;
	__u32 end;
	__u16 mss;
};

struct quota_sum {
	__u64 total;
	__u32 entries;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} quota SEC(".maps");

#endif
