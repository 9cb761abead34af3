#ifndef POLICY_H
#define POLICY_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* A site may override the default policy: src/policy_default.c defines it
 * weak, a site file defines it strong, and the static linker keeps the
 * strong one. */
int site_policy(struct xdp_md *ctx, __u32 *verdict);

#endif
