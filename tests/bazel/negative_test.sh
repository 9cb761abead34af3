#!/usr/bin/env bash
# The rules fail loudly: in a scratch copy of the tree, a package with
#   - an ebpf_extract whose entry does not exist: `bazel build` must fail and
#     name the missing function;
#   - an ebpf_extract of a program the verifier rejects (packet read without a
#     data_end check): it builds, and its ebpf_verify_test must fail with the
#     verifier's complaint mapped to the source file;
#   - ebpf_transform with a bad `to` or `chained` (analysis errors naming the attribute) and a
#     port that cannot be exact (a CPUMAP redirect to tc: the build fails naming it and its line).
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || fail "ebpf_verify_test loads programs into the kernel: run as root"
work=$(mktemp -d "$OPENED_BAZEL_TMP/negative.XXXXXX")
_cleanup_dirs+=("$work")
co=$work/opened
checkout "$co"

mkdir -p "$co/neg/third_party/unchecked/src"
cat >"$co/neg/third_party/unchecked/src/unchecked.c" <<'C'
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_unchecked(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;

	/* Reads the IP protocol byte without checking data_end. */
	return data[23] == 6 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
C
cat >"$co/neg/third_party/unchecked/src/steer.c" <<'C'
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_CPUMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct bpf_cpumap_val);
} cpus SEC(".maps");

SEC("xdp")
int xdp_steer(struct xdp_md *ctx)
{
	return bpf_redirect_map(&cpus, ctx->rx_queue_index & 3, 0);
}

char LICENSE[] SEC("license") = "GPL";
C
cat >"$co/neg/third_party/unchecked/BUILD.bazel" <<'B'
filegroup(
    name = "sources",
    srcs = glob(["**/*.c", "**/*.h"]),
    visibility = ["//visibility:public"],
)
B
cat >"$co/neg/BUILD.bazel" <<'B'
load("//rules:defs.bzl", "ebpf_extract", "ebpf_transform", "ebpf_verify_test")

ebpf_extract(
    name = "missing",
    srcs = ["//neg/third_party/unchecked:sources"],
    entry = "xdp_does_not_exist",
)

ebpf_extract(
    name = "unchecked",
    srcs = ["//neg/third_party/unchecked:sources"],
    entry = "xdp_unchecked",
)

ebpf_verify_test(
    name = "unchecked_verify_test",
    unit = ":unchecked",
)

ebpf_extract(
    name = "bad_entry",
    srcs = ["//neg/third_party/unchecked:sources"],
    entry = "src/unchecked.c:zero",
)

ebpf_extract(
    name = "steer",
    srcs = ["//neg/third_party/unchecked:sources"],
    entry = "xdp_steer",
)

ebpf_transform(
    name = "steer_to_tc",
    to = "tc-ingress",
    unit = ":steer",
)

ebpf_transform(
    name = "bad_to",
    to = "tc",
    unit = ":unchecked",
)

ebpf_transform(
    name = "bad_chained",
    chained = True,
    to = "xdp",
    unit = ":unchecked",
)

ebpf_extract(
    name = "bad_define",
    srcs = ["//neg/third_party/unchecked:sources"],
    defines = ["-DFOO"],
    entry = "xdp_unchecked",
)
B

if bz negative "$co" build //neg:missing >"$work/missing.log" 2>&1; then
  fail "building an extraction of a missing function succeeded"
fi
grep -q 'xdp_does_not_exist' "$work/missing.log" || { cat "$work/missing.log"; fail "the error does not name the missing entry"; }
grep -q 'EbpfExtract\|Extracting eBPF unit' "$work/missing.log" || { cat "$work/missing.log"; fail "the failure is not the extract action's"; }

# Misconfigured attributes fail at analysis, naming the attribute.
for t in bad_entry:entry bad_define:defines bad_to:to bad_chained:chained; do
  target=${t%%:*} attr=${t#*:}
  if bz negative "$co" build --nobuild "//neg:$target" >"$work/$target.log" 2>&1; then
    fail "analysing //neg:$target succeeded"
  fi
  grep -q "attribute $attr" "$work/$target.log" || { cat "$work/$target.log"; fail "//neg:$target: the error does not name attribute $attr"; }
done

# A port that cannot be exact fails the EbpfTransform action naming the construct and its line.
if bz negative "$co" build //neg:steer_to_tc >"$work/steer.log" 2>&1; then
  fail "porting a CPUMAP redirect to tc succeeded"
fi
grep -q 'steer\.c:[0-9]*: bpf_redirect_map: redirect to a CPU through cpus (CPUMAP)' "$work/steer.log" || { cat "$work/steer.log"; fail "the infeasible port does not name the CPUMAP redirect and its line"; }

bz negative "$co" build //neg:unchecked >"$work/unchecked.log" 2>&1 || { cat "$work/unchecked.log"; fail "extracting xdp_unchecked failed"; }
if bz negative "$co" test //neg:unchecked_verify_test >"$work/verify.log" 2>&1; then
  fail "the verifier accepted an unchecked packet read"
fi
testlog=$(bz negative "$co" info bazel-testlogs 2>/dev/null)/neg/unchecked_verify_test/test.log
grep -q 'unchecked\.c:[0-9]' "$testlog" || { cat "$testlog"; fail "the verify failure is not mapped to unchecked.c:LINE"; }
echo "PASS: negative (bad entry/defines/to/chained fail analysis naming the attribute; missing entry and an infeasible port fail the build; verifier rejection fails the test with $(grep -o 'unchecked\.c:[0-9]*' "$testlog" | head -1))"
