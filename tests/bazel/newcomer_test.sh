#!/usr/bin/env bash
# The README's two commands in README order, on a checkout NOT named after the project: the
# main job (scripts/example.sh) leaves convenience symlinks behind, then `bazel test //...` runs
# from another output base, as scripts/test.sh does. `//...` must not descend into what the first
# command left (.bazelrc puts the symlinks under .bazel/, which .bazelignore excludes).
# Reduced form of the test command: only its `bazel test //...` step (the rest of scripts/test.sh
# does not depend on what example.sh leaves behind).
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
echo "startup --output_base=$ob_main" > "$co/user.bazelrc"
(cd "$co" && scripts/example.sh) || fail "scripts/example.sh in $co"
left=$(cd "$co" && ls -d .bazel/* bazel-* 2>/dev/null | tr '\n' ' ')
echo "left behind by the main job: $left"
[ -L "$co/.bazel/$(basename "$co")" ] || fail "no .bazel/$(basename "$co") symlink: did --symlink_prefix change?"
[ ! -e "$co/bazel-$(basename "$co")" ] || fail "bazel-$(basename "$co") exists in the checkout root"

bz newcomer-test "$co" test //... || fail "bazel test //... after scripts/example.sh in $co"
echo "PASS: newcomer (scripts/example.sh, then bazel test //... from another output base, in $(basename "$co"))"
