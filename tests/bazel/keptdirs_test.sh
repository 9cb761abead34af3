#!/usr/bin/env bash
# Units that keep repository include directories work in every later Bazel stage. In a scratch
# copy of the tree, a package vendors two of our own small repositories in which a system
# header includes a repository header (tools/transform/testdata/keptdirs/repos: regsum's
# include/asm/types.h through <linux/types.h> with -Iinclude; tcmark's asm/types.h at the
# root with -I.), extracts them, ports each (EbpfTransform), composes them (EbpfCompose),
# verifies every unit and port in the kernel and difftests regsum against its port. The
# actions run in the sandbox, so they see only declared inputs: the repository headers reach
# EbpfTransform and EbpfCompose as inputs (the units' srcs). Then editing regsum's kept header
# re-runs regsum's port and the pipeline, not tcmark's port; two such units whose kept
# directories hold different <asm/types.h> cannot share a segment (a clear error); and an
# example NF's transform
# (a self-contained unit) is not re-run by an edit of its repository (all listed unused).
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || fail "ebpf_verify_test loads programs into the kernel: run as root"
work=$(mktemp -d "$OPENED_BAZEL_TMP/keptdirs.XXXXXX")
_cleanup_dirs+=("$work")
co=$work/opened
checkout "$co"

mkdir -p "$co/kept/third_party"
for r in regsum tcmark; do
  cp -r "$ROOT/tools/transform/testdata/keptdirs/repos/$r" "$co/kept/third_party/$r"
  cat >"$co/kept/third_party/$r/BUILD.bazel" <<'B'
filegroup(
    name = "sources",
    srcs = glob(["**/*.c", "**/*.h"]),
    visibility = ["//visibility:public"],
)
B
done
cat >"$co/kept/BUILD.bazel" <<'B'
load("//rules:defs.bzl", "ebpf_difftest", "ebpf_extract", "ebpf_pipeline", "ebpf_transform", "ebpf_verify_test")

ebpf_extract(
    name = "regsum",
    srcs = ["//kept/third_party/regsum:sources"],
    cflags = ["-Iinclude"],
    entry = "xdp_regsum",
)

ebpf_extract(
    name = "tcmark",
    srcs = ["//kept/third_party/tcmark:sources"],
    cflags = ["-I."],
    entry = "tc_tcmark",
)

ebpf_transform(
    name = "regsum_to_tc_ingress",
    to = "tc-ingress",
    unit = ":regsum",
)

ebpf_transform(
    name = "tcmark_to_xdp",
    to = "xdp",
    unit = ":tcmark",
)

[ebpf_verify_test(
    name = u + "_verify_test",
    unit = ":" + u,
) for u in [
    "regsum",
    "tcmark",
    "regsum_to_tc_ingress",
    "tcmark_to_xdp",
]]

ebpf_pipeline(
    name = "pipeline",
    mode = "static",
    segment_modes = ["tc-ingress=tcx"],
    stages = [
        ":regsum",
        ":tcmark",
    ],
)

# regsum's include/asm/types.h and tcmark's asm/types.h cannot share one compile.
ebpf_pipeline(
    name = "clash",
    mode = "static",
    stages = [
        ":regsum",
        ":tcmark_to_xdp",
    ],
    tags = ["manual"],
)

ebpf_difftest(
    name = "regsum_difftest",
    a = ":regsum",
    b = ":regsum_to_tc_ingress",
    generate = 2000,
)
B


bz keptdirs "$co" test --execution_log_json_file="$work/first.json" //kept/... >"$work/test.log" 2>&1 || {
  cat "$work/test.log"
  for l in $(bz keptdirs "$co" info bazel-testlogs 2>/dev/null)/kept/*/test.log; do echo "== $l"; tail -20 "$l"; done
  fail "bazel test //kept/... failed"
}
[ "$(spawns "$work/first.json" EbpfTransform)" = "//kept:regsum_to_tc_ingress //kept:tcmark_to_xdp" ] ||
  fail "EbpfTransform spawns: [$(spawns "$work/first.json" EbpfTransform)]"

bin=$(bz keptdirs "$co" info bazel-bin 2>/dev/null)
ob=$(bz keptdirs "$co" info output_base 2>/dev/null)
for u in regsum regsum_to_tc_ingress tcmark tcmark_to_xdp; do
  grep -q '"include_dirs"' "$bin/kept/$u/functions.json" || fail "$u/functions.json records no include_dirs"
done
grep -q '"repo": "\.\./\.\./\.\./\.\./\.\./kept/third_party/regsum"' "$bin/kept/regsum_to_tc_ingress/functions.json" ||
  { cat "$bin/kept/regsum_to_tc_ingress/functions.json"; fail "the port's repo is not the repository relative to the port"; }
if grep -rlF "$ob" "$bin/kept" --include='*.json' --include='*.c' --include='*.o' >"$work/abs.txt"; then
  cat "$work/abs.txt"; fail "outputs hold the output base's absolute path"
fi
for t in regsum_to_tc_ingress tcmark_to_xdp; do
  [ -e "$bin/kept/$t.transform.unused_inputs" ] || fail "$t: no unused_inputs list"
  if [ -s "$bin/kept/$t.transform.unused_inputs" ]; then fail "$t: a unit with kept include directories lists unused inputs"; fi
done

# Two stages whose kept directories hold different headers of one name: a clear error.
if bz keptdirs "$co" build //kept:clash >"$work/clash.log" 2>&1; then
  fail "composing regsum and tcmark_to_xdp into one segment succeeded"
fi
grep -q 'stages regsum and tcmark_to_xdp cannot share the xdp segment: .* asm/types.h' "$work/clash.log" ||
  { cat "$work/clash.log"; fail "the clash does not name the stages and asm/types.h"; }

# The kept header is an input of the port and of the pipeline: editing it re-runs them.
printf '\n/* edited by keptdirs_test */\n' >>"$co/kept/third_party/regsum/include/asm/types.h"
bz keptdirs "$co" build --execution_log_json_file="$work/edit.json" //kept/... >"$work/edit.log" 2>&1 || { cat "$work/edit.log"; fail "build after the header edit"; }
[ "$(spawns "$work/edit.json" EbpfTransform)" = "//kept:regsum_to_tc_ingress" ] ||
  fail "editing regsum's kept header re-ran EbpfTransform [$(spawns "$work/edit.json" EbpfTransform)], want [//kept:regsum_to_tc_ingress]"
[ "$(spawns "$work/edit.json" EbpfCompose)" = "//kept:pipeline" ] ||
  fail "editing regsum's kept header re-ran EbpfCompose [$(spawns "$work/edit.json" EbpfCompose)], want [//kept:pipeline]"

# A self-contained unit's port lists every source unused: editing its repository re-runs the
# extraction's check, not the port.
bz keptdirs "$co" build //examples/datapath:flowobs_to_tc_ingress >"$work/ex.log" 2>&1 || { cat "$work/ex.log"; fail "build flowobs_to_tc_ingress"; }
[ -s "$bin/examples/datapath/flowobs_to_tc_ingress.transform.unused_inputs" ] || fail "flowobs_to_tc_ingress lists no unused inputs"
src=$(bz keptdirs "$co" query 'labels(srcs, //examples/datapath:flowobs)' 2>/dev/null | head -1)
pkg=${src#//}; pkg=${pkg%%:*}
f=$(cd "$co/$pkg" && find . -name '*.c' | sort | head -1)
printf '\n/* edited by keptdirs_test */\n' >>"$co/$pkg/$f"
bz keptdirs "$co" build --execution_log_json_file="$work/ex.json" //examples/datapath:flowobs_to_tc_ingress >"$work/ex2.log" 2>&1 || { cat "$work/ex2.log"; fail "rebuild flowobs_to_tc_ingress"; }
[ -z "$(spawns "$work/ex.json" EbpfTransform)" ] || fail "editing $pkg/${f#./} re-ran the port of a self-contained unit"

echo "PASS: keptdirs (units keeping -Iinclude and -I. extracted, ported, composed, verified and difftested in the sandbox; the kept header's edit re-runs exactly its port and the pipeline; a self-contained unit's port ignores its repository's edits)"
