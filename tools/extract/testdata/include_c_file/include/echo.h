/* ICMP echo responder: shared definitions. */
#ifndef ECHO_H
#define ECHO_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* The project's own memcpy/memset, as many BPF projects define them. */
#ifndef memcpy
#define memcpy(dst, src, n) __builtin_memcpy((dst), (src), (n))
#endif
#ifndef memset
#define memset(dst, c, n) __builtin_memset((dst), (c), (n))
#endif

#define barrier() asm volatile("" ::: "memory")

/* Overridable at build time (-DECHO_MAX_SOURCES=...). */
#ifndef ECHO_MAX_SOURCES
#define ECHO_MAX_SOURCES 1024
#endif

#define ICMP_ECHO_REQUEST 8
#define ICMP_ECHO_REPLY 0

struct icmp_echo {
	__u8 type;
	__u8 code;
	__u16 checksum;
	__u16 id;
	__u16 seq;
};

#endif
