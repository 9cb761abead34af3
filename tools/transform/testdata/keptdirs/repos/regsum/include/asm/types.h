/* regsum's own <asm/types.h>: its build passes -Iinclude and no multiarch directory, so the
 * system <linux/types.h> (reached through <linux/bpf.h>) includes this file, never the
 * host's. Besides the fixed-width types it names the project's byte counter. No file of the
 * project includes it directly: only a system header does. */
#ifndef __REGSUM_ASM_TYPES_H
#define __REGSUM_ASM_TYPES_H

#include <asm-generic/int-ll64.h>

typedef __u64 __regsum_ctr;

#endif
