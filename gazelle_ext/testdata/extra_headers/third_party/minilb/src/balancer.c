#include "lb.h"

static int parse_packet(void *data, void *end)
{
	return data + 14 > end ? -1 : 0;
}

__attribute__((section("xdp"), used))
int xdp_balancer_main(void *ctx)
{
	return parse_packet(ctx, ctx) ? 1 : 2;
}
