/* Vendored helper declarations in the old style: function pointers
 * initialised with the id from uapi_ids.h. */
#ifndef HELPERS_H
#define HELPERS_H

#include "uapi_ids.h"

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*map_lookup)(void *map, const void *key) = (void *)HELPER_ID_map_lookup_elem;
static unsigned long long (*ktime_ns)(void) = (void *)HELPER_ID_ktime_get_ns;

#endif
