// SPDX-License-Identifier: GPL-2.0
/* Port matching of the 1.x releases: a plain range check without protocol.
 * Kept so that 1.x objects can still be rebuilt; not linked into the
 * current xdp_acl.o (acl_port_match has a different signature there). */
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

__noinline int acl_port_match(__u16 dport, __u16 lo, __u16 hi)
{
	return dport >= lo && dport <= hi;
}
