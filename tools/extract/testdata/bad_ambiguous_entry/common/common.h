/* Shared by every lesson's BPF program. */
#ifndef LESSONS_COMMON_H
#define LESSONS_COMMON_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#endif
