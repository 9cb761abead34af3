#!/usr/bin/env bash
# e2e/smoke consumes OPENED as an external repository (@opened) with only the lines
# docs/consumer.md gives (opened_dependencies(), opened_gazelle_dependencies(),
# opened_register_toolchains(), the gazelle_binary recipe; no .bazelrc repo_env lines, no
# map_kind directives), and does what a user does: vendor a multi-file NF under third_party/,
# write its BUILD.bazel and datapath/opened.yaml, run Gazelle, build, test in the kernel.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || fail "ebpf_verify_test loads programs into the kernel: run as root"
work=$(mktemp -d "$OPENED_BAZEL_TMP/smoke.XXXXXX")
_cleanup_dirs+=("$work")
co=$work/opened
checkout "$co"
smoke=$co/e2e/smoke
grep -q repo_env "$smoke/.bazelrc" && fail "e2e/smoke/.bazelrc must not need repo_env lines"

# 1. Vendor a multi-file NF (3 .c files, 4 headers), as a user copies a third-party tree.
mkdir -p "$smoke/third_party/acl"
(cd "$co/examples/third_party/xdp_acl" && tar --exclude=BUILD.bazel -cf - .) | tar -C "$smoke/third_party/acl" -xf -
cat > "$smoke/third_party/acl/BUILD.bazel" <<'B'
filegroup(
    name = "sources",
    srcs = glob(["**/*.c", "**/*.h"]),
    visibility = ["//visibility:public"],
)
B
# 2. The spec.
mkdir -p "$smoke/datapath"
cat > "$smoke/datapath/opened.yaml" <<'Y'
extract:
  - name: acl
    repo: ../third_party/acl
    entry: xdp_acl_main
    cflags: [-Iinclude]
    prefer: [src/acl_ports.c]
Y
# 3. Gazelle writes datapath/BUILD.bazel.
bz smoke "$smoke" run //:gazelle || fail "bazel run //:gazelle in e2e/smoke"
gen=$smoke/datapath/BUILD.bazel
[ -f "$gen" ] || fail "Gazelle wrote no datapath/BUILD.bazel"
cat "$gen"
grep -q 'load("@opened//rules:defs.bzl", "ebpf_extract", "ebpf_verify_test")' "$gen" || fail "generated load does not name @opened//rules:defs.bzl"
grep -q 'name = "acl_verify_test"' "$gen" || fail "no acl_verify_test generated"
bz smoke "$smoke" run //:gazelle -- -mode=diff >/dev/null || fail "a second Gazelle run would change files"

# 4. Build and test everything (the generated unit and the hand-written hello).
bz smoke "$smoke" test //... || fail "bazel test //... in e2e/smoke"
bin=$(bz smoke "$smoke" info bazel-bin 2>/dev/null)
for u in hello datapath/acl; do
  got=$(cd "$bin/$u" && ls | sort | tr '\n' ' ')
  [ "$got" = "functions.json maps.json mcu.c mcu.o warnings.json " ] || fail "$u unit dir has [$got]"
done
grep -q '"repo":"third_party/hello"' "$bin/hello.extract.json" || { cat "$bin/hello.extract.json"; fail "repo root is not the sources' package"; }
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["functions"]))' "$bin/datapath/acl/functions.json")
echo "PASS: smoke (external @opened: Gazelle wrote datapath/BUILD.bazel, extracted acl ($n functions) and hello, both verified)"
