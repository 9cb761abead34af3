// SPDX-License-Identifier: GPL-2.0
/* Per-CPU slots in ordinary arrays whose map type is a typedef. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "stats.h"

static __always_inline void account(rec_array *m, __u32 cpu, __u64 len)
{
	struct rec *r = bpf_map_lookup_elem(m, &cpu);

	if (r) {
		r->packets++;
		r->bytes += len;
	}
}

SEC("xdp")
int xdp_cpu_count(struct xdp_md *ctx)
{
	__u32 cpu = bpf_get_smp_processor_id();
	__u64 len = ctx->data_end - ctx->data;

	if (cpu >= MAX_CPUS) {
		account(&drop_recs, 0, len);
		return XDP_DROP;
	}
	account(&rx_recs, cpu, len);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
