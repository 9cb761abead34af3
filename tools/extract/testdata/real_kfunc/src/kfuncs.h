#ifndef KFUNCS_H
#define KFUNCS_H

/* Kernel functions (kfuncs) are declared, never defined: libbpf's __ksym
 * puts the declaration in section .ksyms and the loader resolves the call
 * against the kernel's BTF. */
extern int bpf_dynptr_from_xdp(struct xdp_md *xdp, __u64 flags,
			       struct bpf_dynptr *ptr__uninit) __ksym;
/* Written without extern, as some projects do: still only a declaration. */
void *bpf_dynptr_slice(const struct bpf_dynptr *p, __u32 offset,
		       void *buffer__opt, __u32 buffer__szk) __ksym;

/* Declared but unused: must not be needed by the unit. */
extern int bpf_dynptr_adjust(const struct bpf_dynptr *p, __u32 start, __u32 end) __ksym;

#endif
