// SPDX-License-Identifier: GPL-2.0
/* Global (non-inlined) port matching functions. Each is verified by the
 * kernel on its own, with its arguments treated as untrusted. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "acl_common.h"
#include "acl_ports.h"

static __always_inline int port_in_range(__u16 port, __u16 lo, __u16 hi)
{
	return port >= lo && port <= hi;
}

__noinline int acl_port_match(const struct acl_rule *rule, __u8 proto, __u16 dport)
{
	if (!rule)
		return 0;
	if (rule->proto && rule->proto != proto)
		return 0;
	return port_in_range(dport, rule->port_lo, rule->port_hi);
}

__noinline int acl_port_range_valid(const struct acl_rule *rule)
{
	if (!rule)
		return 0;
	return rule->port_lo <= rule->port_hi;
}
