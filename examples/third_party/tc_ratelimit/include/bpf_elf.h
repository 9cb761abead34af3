/* SPDX-License-Identifier: GPL-2.0 */
/* Map definition ABI understood by tc's (iproute2) ELF loader. */
#ifndef __BPF_ELF_H
#define __BPF_ELF_H

#include <linux/types.h>

/* Object pinning settings */
#define PIN_NONE 0
#define PIN_OBJECT_NS 1
#define PIN_GLOBAL_NS 2

/* ELF map definition */
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

#endif /* __BPF_ELF_H */
