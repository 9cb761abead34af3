#ifndef LD_ABS_H
#define LD_ABS_H

/* Old-style packet loads (BPF_LD_ABS) through LLVM's BPF intrinsics: the
 * functions are declared with an asm label naming the intrinsic and are
 * never defined anywhere. */
unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

#endif
