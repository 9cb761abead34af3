/* lenclass's <linux/types.h>: the architecture's types and the byte-order names. */
#ifndef __LENCLASS_LINUX_TYPES_H
#define __LENCLASS_LINUX_TYPES_H

#include <asm/types.h>

typedef __u16 __be16;
typedef __u32 __be32;

#endif
