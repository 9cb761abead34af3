/* Reached as "../util/bounds.h" from lib/net/parse.h and as
 * "./lib/util/bounds.h" from the program. */
#ifndef LIB_UTIL_BOUNDS_H
#define LIB_UTIL_BOUNDS_H

static __always_inline int in_bounds(void *p, unsigned long len, void *end)
{
	return p + len <= end;
}

#endif
