#!/usr/bin/env bash
# The README's two commands in README order, on a checkout NOT named after the project: the
# main job (scripts/example.sh) leaves convenience symlinks behind, then `bazel test //...` runs
# from another output base, as scripts/test.sh does. `//...` must not descend into what the first
# command left (.bazelrc puts the symlinks under .bazel/, which .bazelignore excludes).
# Reduced form of the test command: only its `bazel test //...` step (the rest of scripts/test.sh
# does not depend on what example.sh leaves behind). This is also the suite's one
# `bazel test //...` run.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || fail "scripts/example.sh loads programs into the kernel: run as root"
work=$(mktemp -d "$OPENED_BAZEL_TMP/newcomer.XXXXXX")
_cleanup_dirs+=("$work")
co=$work/acme-monorepo-$$
checkout "$co"

# example.sh runs plain `bazel`; its output base is ours through the checkout's user.bazelrc
# (gitignored, imported by .bazelrc), so the server can be shut down and the base removed.
ob_main="$OPENED_BAZEL_TMP/ob-newcomer-main"
_output_bases+=("$ob_main|$co")
# The tool-building actions come from the e2e tests' shared disk cache (lib.sh); OPENED's
# actions and tests run.
printf 'startup --output_base=%s\nimport %s\n' "$ob_main" "$E2E_BAZELRC" > "$co/user.bazelrc"
(cd "$co" && scripts/example.sh) || fail "scripts/example.sh in $co"
left=$(cd "$co" && ls -d .bazel/* bazel-* 2>/dev/null | tr '\n' ' ')
echo "left behind by the main job: $left"
[ -L "$co/.bazel/$(basename "$co")" ] || fail "no .bazel/$(basename "$co") symlink: did --symlink_prefix change?"
[ ! -e "$co/bazel-$(basename "$co")" ] || fail "bazel-$(basename "$co") exists in the checkout root"

# The test command's bazel test //...: every target (extractions, ports, pipelines) and every
# test (Go tests under rules_go; as root the kernel tests: verify, difftest, pipeline on a veth).
bz newcomer-test "$co" test //... || fail "bazel test //... after scripts/example.sh in $co"
bin=$(bz newcomer-test "$co" info bazel-bin 2>/dev/null)
units=$(bz newcomer-test "$co" query 'kind(ebpf_extract, //examples/datapath/...)' 2>/dev/null)
[ -n "$units" ] || fail "no ebpf_extract targets under //examples/datapath"
for u in $units; do
  pkg=${u#//}; pkg=${pkg%%:*}; name=${u##*:}
  got=$(cd "$bin/$pkg/$name" && ls | sort | tr '\n' ' ')
  [ "$got" = "functions.json maps.json mcu.c mcu.o warnings.json " ] || fail "$u: unit dir has [$got]"
done
echo "PASS: newcomer (scripts/example.sh, then bazel test //... from another output base, in $(basename "$co"); $(echo $units | wc -w) example units with the five contract files)"
