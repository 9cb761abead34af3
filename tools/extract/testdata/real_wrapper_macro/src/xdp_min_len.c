// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>

#include "prog.h"

#define MIN_FRAME 60

static __always_inline int too_short(void *data, void *data_end)
{
	return data + MIN_FRAME > data_end;
}

XDP_PROGRAM(xdp_min_len)
{
	if (too_short(data, data_end))
		return XDP_DROP;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
