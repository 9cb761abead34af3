/* SPDX-License-Identifier: GPL-2.0 */
/* Port matching, compiled separately (src/acl_ports.c) as BPF global
 * functions: verified once, called from any program of the object. */
#ifndef __ACL_PORTS_H
#define __ACL_PORTS_H

#include <linux/types.h>
#include "acl_common.h"

/* Returns 1 when proto and dport (host order) fall under rule. */
int acl_port_match(const struct acl_rule *rule, __u8 proto, __u16 dport);

/* Returns 1 when the rule's port range is well formed. */
int acl_port_range_valid(const struct acl_rule *rule);

#endif /* __ACL_PORTS_H */
