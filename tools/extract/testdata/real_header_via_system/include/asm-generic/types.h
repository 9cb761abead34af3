/* The project's architecture-independent fixed-width types. The build uses -nostdinc, so
 * nothing of the host's /usr/include is searched; the architecture header <asm/types.h>
 * still comes from the host's multiarch directory, and it includes this file by the name
 * <asm-generic/types.h>: no project file includes it directly. */
#ifndef __PROJ_ASM_GENERIC_TYPES_H
#define __PROJ_ASM_GENERIC_TYPES_H

typedef signed char __s8;
typedef unsigned char __u8;
typedef signed short __s16;
typedef unsigned short __u16;
typedef signed int __s32;
typedef unsigned int __u32;
typedef signed long long __s64;
typedef unsigned long long __u64;

#endif
