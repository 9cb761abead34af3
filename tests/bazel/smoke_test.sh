#!/usr/bin/env bash
# e2e/smoke uses OPENED's rules as an external repository (@opened), as a user
# would: opened_dependencies(), opened_register_toolchains(), ebpf_extract of
# its own XDP program and ebpf_verify_test in the kernel. Catches labels that
# only resolve inside this repository.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || fail "ebpf_verify_test loads programs into the kernel: run as root"
work=$(mktemp -d "$OPENED_BAZEL_TMP/smoke.XXXXXX")
_cleanup_dirs+=("$work")
co=$work/opened
checkout "$co"
smoke=$co/e2e/smoke

bz smoke "$smoke" test //... || fail "bazel test //... in e2e/smoke"
bin=$(bz smoke "$smoke" info bazel-bin 2>/dev/null)
got=$(cd "$bin/hello" && ls | sort | tr '\n' ' ')
[ "$got" = "functions.json maps.json mcu.c mcu.o warnings.json " ] || fail "hello unit dir has [$got]"
grep -q '"repo":"third_party/hello"' "$bin/hello.extract.json" || { cat "$bin/hello.extract.json"; fail "repo root is not the sources' package"; }
echo "PASS: smoke (external @opened: extracted and verified e2e/smoke:hello)"
