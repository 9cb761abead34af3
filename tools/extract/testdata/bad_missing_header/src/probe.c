// A header that is not in the repository nor on the include path (in a Bazel sandbox: a
// header nobody declared as an input).
#include <linux/bpf.h>
#include "flow_keys.h"

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int probe_keys(struct xdp_md *ctx)
{
	return XDP_PASS;
}
