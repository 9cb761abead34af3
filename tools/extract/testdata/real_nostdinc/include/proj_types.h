#ifndef PROJ_TYPES_H
#define PROJ_TYPES_H
typedef unsigned char __u8;
typedef signed short __s16;
typedef unsigned int __u32;
typedef signed int __s32;
typedef unsigned long long __u64;
#define SEC(name) __attribute__((section(name), used))
#endif
