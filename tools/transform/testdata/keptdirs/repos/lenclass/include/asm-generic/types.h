/* lenclass's fixed-width types. The project builds with -nostdinc: <asm/types.h> comes from
 * the host's multiarch directory and includes this file as <asm-generic/types.h>; no file of
 * the project includes it. It also names the type of a frame length. */
#ifndef __LENCLASS_ASM_GENERIC_TYPES_H
#define __LENCLASS_ASM_GENERIC_TYPES_H

typedef signed char __s8;
typedef unsigned char __u8;
typedef signed short __s16;
typedef unsigned short __u16;
typedef signed int __s32;
typedef unsigned int __u32;
typedef signed long long __s64;
typedef unsigned long long __u64;

typedef __u32 __lenclass_len;

#endif
