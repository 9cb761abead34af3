/* The project's <linux/types.h>: the byte-order types on top of the architecture's
 * fixed-width types. */
#ifndef __PROJ_LINUX_TYPES_H
#define __PROJ_LINUX_TYPES_H

#include <asm/types.h>

typedef __u16 __be16;
typedef __u32 __be32;

#endif
