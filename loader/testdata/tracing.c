// Tracing programs: loadable in general, but this machine class refuses
// fentry and LSM programs with EPERM; kprobes load.
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>

SEC("lsm/file_open")
int lsm_open(__u64 *ctx)
{
	return 0;
}

SEC("fentry/tcp_v4_rcv")
int fentry_rcv(__u64 *ctx)
{
	return 0;
}

SEC("kprobe/tcp_v4_rcv")
int kprobe_rcv(struct pt_regs *ctx)
{
	return 0;
}

char _license[] SEC("license") = "GPL";
