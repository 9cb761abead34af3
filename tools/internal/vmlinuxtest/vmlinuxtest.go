// Package vmlinuxtest builds, for tests and benchmarks, a small BPF project
// that carries a multi-MB vmlinux.h generated from the running kernel's BTF
// (bpftool btf dump file /sys/kernel/btf/vmlinux format c). The header is
// generated into a temporary directory, never committed. Without bpftool or
// kernel BTF the caller fails loudly: the measurement it guards cannot be
// made otherwise.
package vmlinuxtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BTF is the running kernel's BTF.
const BTF = "/sys/kernel/btf/vmlinux"

// Entry is the program function of the project's Source.
const Entry = "xdp_count"

// Source is the project's one BPF file: an XDP program over kernel structs
// (struct ethhdr, struct iphdr) from vmlinux.h, with a BTF map and libbpf's
// helpers.
const Source = `#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} ttl_sum SEC(".maps");

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(0x0800))
		return XDP_PASS;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end)
		return XDP_PASS;
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&ttl_sum, &k);
	if (v)
		__sync_fetch_and_add(v, ip->ttl);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
`

// Project writes vmlinux.h (from the running kernel) and prog.c into a new
// temporary directory and returns it. It fails the test when bpftool or the
// kernel's BTF is missing, or when the header is implausibly small.
func Project(tb testing.TB) string {
	tb.Helper()
	if _, err := os.Stat(BTF); err != nil {
		tb.Fatalf("vmlinux.h cannot be generated: %v (the kernel must expose BTF)", err)
	}
	bpftool, err := exec.LookPath("bpftool")
	if err != nil {
		tb.Fatalf("vmlinux.h cannot be generated: %v (install bpftool)", err)
	}
	dir := tb.TempDir()
	h, err := exec.Command(bpftool, "btf", "dump", "file", BTF, "format", "c").Output()
	if err != nil {
		tb.Fatalf("bpftool btf dump file %s format c: %v", BTF, err)
	}
	if len(h) < 1<<20 {
		tb.Fatalf("bpftool wrote a vmlinux.h of %d bytes; expected several MB", len(h))
	}
	if err := os.WriteFile(filepath.Join(dir, "vmlinux.h"), h, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "prog.c"), []byte(Source), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}
