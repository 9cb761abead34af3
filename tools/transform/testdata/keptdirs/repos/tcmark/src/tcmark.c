// SPDX-License-Identifier: GPL-2.0
/* Drops frames shorter than a minimum at tc and counts them. __tcmark_len comes from the
 * project's <asm/types.h> at the repository root, which only the system <linux/types.h>
 * includes. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

#define TCMARK_MIN 64

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} tcmark_runts SEC(".maps");

SEC("tc")
int tc_tcmark(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	__tcmark_len len = data_end - data;
	__u32 zero = 0;
	__u64 *runts;

	if (len >= TCMARK_MIN)
		return TC_ACT_OK;
	runts = bpf_map_lookup_elem(&tcmark_runts, &zero);
	if (runts)
		__sync_fetch_and_add(runts, 1);
	return TC_ACT_SHOT;
}

char _license[] SEC("license") = "GPL";
