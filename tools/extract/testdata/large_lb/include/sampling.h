/* Packet sampling to user space, compiled only with -DLB_INTROSPECTION. */
#ifndef LB_INTROSPECTION_H
#define LB_INTROSPECTION_H

#include "lb_helpers.h"

#define SAMPLE_SNAPLEN 128

struct event_metadata {
	__u32 event;
	__u32 pkt_size;
	__u32 data_len;
};

#ifdef LB_SAMPLING
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(int));
	__uint(value_size, sizeof(__u32));
	__uint(max_entries, 128);
} lb_events SEC(".maps");

__lb_inline void submit_event(struct xdp_md *ctx, __u32 event, __u32 size)
{
	struct event_metadata md = { .event = event, .pkt_size = size };

	md.data_len = size < SAMPLE_SNAPLEN ? size : SAMPLE_SNAPLEN;
	bpf_perf_event_output(ctx, &lb_events, ((__u64)md.data_len << 32) | BPF_F_CURRENT_CPU,
			      &md, sizeof(md));
}
#define REPORT_EVENT(ctx, ev, sz) submit_event(ctx, ev, sz)
#else
#define REPORT_EVENT(ctx, ev, sz) do {} while (0)
#endif

#endif
