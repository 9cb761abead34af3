/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal tc-style BPF API: section macros, helper declarations through
 * BPF_FUNC (helper names without the bpf_ prefix), and the few BTF map
 * macros the stats map needs. */
#ifndef __BPF_API_H
#define __BPF_API_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#include "bpf_elf.h"

#ifndef NULL
#define NULL ((void *)0)
#endif

#ifndef __stringify
#define __stringify(X) #X
#endif

#ifndef __section
#define __section(NAME) __attribute__((section(NAME), used))
#endif

#ifndef __section_cls_entry
#define __section_cls_entry __section("classifier")
#endif

#ifndef __section_license
#define __section_license __section("license")
#endif

#ifndef BPF_LICENSE
#define BPF_LICENSE(NAME) char ____license[] __section_license = NAME
#endif

#ifndef __inline
#define __inline inline __attribute__((always_inline))
#endif

#ifndef __maybe_unused
#define __maybe_unused __attribute__((__unused__))
#endif

#ifndef BPF_FUNC
#define BPF_FUNC(NAME, ...) (*NAME)(__VA_ARGS__) __maybe_unused = (void *)BPF_FUNC_##NAME
#endif

/* Map access */
static void *BPF_FUNC(map_lookup_elem, void *map, const void *key);
static int BPF_FUNC(map_update_elem, void *map, const void *key, const void *value, __u32 flags);
static int BPF_FUNC(map_delete_elem, void *map, const void *key);

/* Time access */
static __u64 BPF_FUNC(ktime_get_ns);

/* Packet misc */
static __u32 BPF_FUNC(get_smp_processor_id);
static int BPF_FUNC(skb_load_bytes, const struct __sk_buff *skb, __u32 off, void *to, __u32 len);

/* Debugging */
static void BPF_FUNC(trace_printk, const char *fmt, int fmt_size, ...);

/* BTF map definitions, for maps tc's legacy loader does not need to know. */
#ifndef __uint
#define __uint(name, val) int(*name)[val]
#endif
#ifndef __type
#define __type(name, val) typeof(val) *name
#endif

#endif /* __BPF_API_H */
