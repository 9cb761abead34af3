/* Compiler and helper wrappers shared by every program of the project. */
#ifndef LB_HELPERS_H
#define LB_HELPERS_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __lb_inline static __always_inline

#define lb_memcpy(dst, src, n) __builtin_memcpy((dst), (src), (n))
#define lb_memset(dst, c, n) __builtin_memset((dst), (c), (n))

#define PCKT_FITS(ptr, data_end) ((void *)((ptr) + 1) <= (void *)(data_end))

#endif
