// A relative include that climbs out of the repository root (the case directory).
#include <linux/bpf.h>
#include "../../_extinc/netkit/proto.h"

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int edge_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}
