#ifndef REASONS_H
#define REASONS_H

/* The list of drop reasons lives in a .def file that is included inside
 * declarations (X-macro). */
enum drop_reason {
#define REASON(name, counted) DROP_##name,
#include "drop_reasons.def"
#undef REASON
	DROP_MAX,
};

static __always_inline int reason_counted(enum drop_reason r)
{
	switch (r) {
#define REASON(name, counted) case DROP_##name: return counted;
#include "drop_reasons.def"
#undef REASON
	default:
		return 0;
	}
}

#endif
