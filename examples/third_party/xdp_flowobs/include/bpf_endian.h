/* SPDX-License-Identifier: GPL-2.0 */
/* Byte order helpers matching the vendored bpf_helpers.h. */
#ifndef __BPF_ENDIAN_H
#define __BPF_ENDIAN_H

#include <asm/byteorder.h>

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define bpf_ntohs(x) __builtin_bswap16(x)
#define bpf_htons(x) __builtin_bswap16(x)
#define bpf_ntohl(x) __builtin_bswap32(x)
#define bpf_htonl(x) __builtin_bswap32(x)
#else
#define bpf_ntohs(x) (x)
#define bpf_htons(x) (x)
#define bpf_ntohl(x) (x)
#define bpf_htonl(x) (x)
#endif

#endif /* __BPF_ENDIAN_H */
