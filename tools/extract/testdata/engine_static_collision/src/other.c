// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* Same name as main.c's helper, another body: file-local to this unit. */
static __always_inline int mix(int x)
{
	return x * 2;
}

__attribute__((noinline)) int other_mix(int x)
{
	/* mix() here is this file's mix */
	return mix(x);
}
