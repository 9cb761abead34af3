#ifndef PLATFORM_H
#define PLATFORM_H

/* Which helper header to use is a build setting kept in one place; the
 * sources include it through the macro. */
#define PLATFORM_HELPERS <bpf/bpf_helpers.h>
#define PLATFORM_ENDIAN <bpf/bpf_endian.h>

#endif
