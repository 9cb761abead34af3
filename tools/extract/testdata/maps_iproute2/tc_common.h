/* Definitions for objects loaded by tc (iproute2): map layout read by tc's
 * ELF loader, pinning namespaces, section helpers. Written for this project. */
#ifndef TC_COMMON_H
#define TC_COMMON_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#ifndef __section
#define __section(NAME) __attribute__((section(NAME), used))
#endif

#define PIN_NONE 0
#define PIN_OBJECT_NS 1
#define PIN_GLOBAL_NS 2

/* Map description in the "maps" section, as tc expects it. */
struct bpf_elf_map {
	__u32 type;
	__u32 size_key;
	__u32 size_value;
	__u32 max_elem;
	__u32 flags;
	__u32 id;
	__u32 pinning;
	__u32 inner_id;
	__u32 inner_idx;
};

#define JMP_MAP_SLOTS 4
#define JMP_SLOT_IPV4 0
#define JMP_SLOT_IPV6 1

#endif
