/* The project's own <asm/types.h>, so that its build needs no host multiarch directory
 * (-Iinclude is all it passes). <linux/types.h>, a system header, includes it; with the
 * project's -I searched first, as the user wrote it, this file wins over the host's
 * /usr/include/<multiarch>/asm/types.h. Besides the fixed-width types it names the width
 * of a BPF register for the project's records. */
#ifndef __PROJ_ASM_TYPES_H
#define __PROJ_ASM_TYPES_H

#include <asm-generic/int-ll64.h>

typedef __u64 __bpf_reg;
typedef __s64 __bpf_sreg;

#endif
