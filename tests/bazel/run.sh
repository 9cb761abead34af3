#!/usr/bin/env bash
# Runs the end-to-end Bazel tests in order and prints "N passed, N failed".
#   buildifier_test.sh    Starlark format + lint (all BUILD/.bzl/WORKSPACE/MODULE.bazel)
#   gazelle_test.sh       checked-in generated BUILD files are not stale
#   negative_test.sh      a missing entry fails the build; a verifier rejection fails the test
#   keptdirs_test.sh      units keeping repository -I directories are ported, composed, verified in the sandbox
#   smoke_test.sh         e2e/smoke uses @opened as an external repository (build + kernel test)
#   incremental_test.sh   no-op runs nothing; an NF edit re-runs only its extraction; a tool edit re-runs all
#   repro_test.sh         bit-identical outputs from two checkouts / output bases
#   remote_cache_test.sh  second checkout gets every EbpfExtract from an nginx HTTP cache
#   newcomer_test.sh      scripts/example.sh, then bazel test //... (every target and test, kernel
#                         tests as root), in a checkout named otherwise; unit dirs hold the contract files
# Run one with: tests/bazel/run.sh repro
set -uo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
tests=(buildifier gazelle negative keptdirs smoke incremental repro remote_cache newcomer)
[ $# -gt 0 ] && tests=("$@")
passed=0 failed=0 failures=()
for t in "${tests[@]}"; do
  echo "=== bazel e2e: $t"
  start=$(date +%s)
  if "$dir/${t}_test.sh"; then passed=$((passed+1)); else failed=$((failed+1)); failures+=("$t"); fi
  echo "--- $t: $(( $(date +%s) - start ))s"
done
[ ${#failures[@]} -eq 0 ] || echo "bazel e2e failures: ${failures[*]}"
echo "bazel-e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
