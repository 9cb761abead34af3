#!/usr/bin/env bash
# Lints every Starlark file of the repository (BUILD, .bzl, WORKSPACE,
# MODULE.bazel) with buildifier -mode=check -lint=warn. Fails on any format
# difference or lint warning. Test data (golden BUILD.in/BUILD.out of the
# gazelle extension, extract corpus) is skipped: it is input, not our build.
source "$(dirname "$0")/lib.sh"
buildifier=${BUILDIFIER:-$(go env GOPATH)/bin/buildifier}
[ -x "$buildifier" ] || fail "buildifier not found at $buildifier (run scripts/setup-bazel.sh)"

cd "$ROOT"
if git rev-parse --git-dir >/dev/null 2>&1; then
  list() { git ls-files --cached --others --exclude-standard 'WORKSPACE' '*/WORKSPACE' 'MODULE.bazel' '*.bzl' '*BUILD.bazel' '*/BUILD' 'BUILD' '*.bazel'; }
else
  list() { find . -path './bazel-*' -prune -o -type f \( -name WORKSPACE -o -name MODULE.bazel -o -name '*.bzl' -o -name '*.bazel' -o -name BUILD \) -print | sed 's|^\./||'; }
fi
mapfile -t files < <(list | grep -v -e '/testdata/' | sort -u)
[ ${#files[@]} -gt 0 ] || fail "no Starlark files found"
echo "buildifier: checking ${#files[@]} files"
"$buildifier" -mode=check -lint=warn "${files[@]}" || fail "buildifier found problems (fix: $buildifier -lint=fix -mode=fix <files>)"
echo "PASS: buildifier (${#files[@]} files)"
