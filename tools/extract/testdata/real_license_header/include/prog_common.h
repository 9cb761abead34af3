/* Shared by every program of the project: section macro, the license declared once for all
 * objects, and a trace helper. */
#ifndef PROG_COMMON_H
#define PROG_COMMON_H

#define SEC(name) __attribute__((section(name), used))

char ____license[] SEC("license") = "GPL";

static long (*trace_out)(const char *fmt, __u32 fmt_size, ...) = (void *)6;

#endif
