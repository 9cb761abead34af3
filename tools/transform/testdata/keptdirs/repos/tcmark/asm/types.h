/* tcmark's <asm/types.h>, at the repository root: the project builds with -I. and the
 * system <linux/types.h> includes this file. It names the type of a frame length. */
#ifndef __TCMARK_ASM_TYPES_H
#define __TCMARK_ASM_TYPES_H

#include <asm-generic/int-ll64.h>

typedef __u32 __tcmark_len;

#endif
