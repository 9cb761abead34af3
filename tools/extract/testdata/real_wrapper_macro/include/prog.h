#ifndef PROG_H
#define PROG_H

/* Like libbpf's BPF_KPROBE/BPF_PROG: the macro defines the program (which
 * loads the packet bounds) and declares the inner function whose body
 * follows the macro call. One macro call, two functions. */
#define XDP_PROGRAM(name)							\
static __always_inline int ____##name(struct xdp_md *ctx, void *data,	\
				      void *data_end);			\
SEC("xdp")								\
int name(struct xdp_md *ctx)						\
{									\
	return ____##name(ctx, (void *)(long)ctx->data,			\
			  (void *)(long)ctx->data_end);			\
}									\
static __always_inline int ____##name(struct xdp_md *ctx, void *data,	\
				      void *data_end)

#endif
