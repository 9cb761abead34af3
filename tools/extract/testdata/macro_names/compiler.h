#ifndef FW_COMPILER_H
#define FW_COMPILER_H

/* The project's own section and inlining macros (no libbpf SEC()). */
#define __section(x) __attribute__((section(x), used))
#define __inline_always inline __attribute__((always_inline))
#define __unused_attr __attribute__((unused))

/* Program names are chosen at build time. */
#ifndef PROG_PREFIX
#define PROG_PREFIX fw
#endif
#define __CONCAT3(a, b) a##_##b
#define PROG_NAME(a, b) __CONCAT3(a, b)
#define FUNCNAME PROG_NAME(PROG_PREFIX, xdp_main)

#define DEFINE_PARSER(proto) \
	static __inline_always int parse_##proto(void *p, void *end)

#endif
