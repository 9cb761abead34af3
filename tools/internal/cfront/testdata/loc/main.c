#include "defs.h"

static __always_inline int add_one(int v)
{
	return LONG_MACRO(v);
}

#ifdef UNUSED_FEATURE
static int never(void) { return 0; }
#endif

int SEC("xdp") NAME_OF(main)(struct xdp_md *ctx)
{
	__u32 k = 0;
	pair_t *p = bpf_map_lookup_elem(&pairs, &k);

	return p ? add_one(p->a) : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
