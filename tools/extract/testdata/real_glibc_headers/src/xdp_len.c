// An XDP program that includes glibc headers, as many projects do for fixed-width integers
// and memset/memcpy: under -target bpf, <gnu/stubs.h> wants <gnu/stubs-32.h>, which only
// 32-bit multilib installs ship. OPENED supplies an empty one (cfront's shim directory).
#include <stdint.h>
#include <string.h>
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct len_stats {
	uint64_t packets;
	uint64_t bytes;
};

static __attribute__((always_inline)) uint32_t frame_len(const struct xdp_md *ctx)
{
	return ctx->data_end - ctx->data;
}

SEC("xdp")
int xdp_len_count(struct xdp_md *ctx)
{
	struct len_stats s;

	memset(&s, 0, sizeof(s));
	s.packets = 1;
	s.bytes = frame_len(ctx);
	return s.bytes > 0 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
