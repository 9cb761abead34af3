#!/usr/bin/env bash
# Runs every OPENED test on this machine: Go unit and kernel tests, then Bazel's tests and the
# end-to-end Bazel checks (reproducibility, remote cache, Gazelle staleness, buildifier).
# Installs what is missing first. Needs root: the tests load programs into the real kernel.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH

if [ "$(id -u)" -ne 0 ]; then
  echo "test: the tests load BPF programs into the kernel and need root; run as root (CI does)" >&2
  exit 1
fi
scripts/setup.sh || { echo "test: setup failed" >&2; exit 1; }

passed=0 failed=0 failures=()
step() {
  local name=$1; shift
  echo "=== $name: $*"
  if "$@"; then passed=$((passed+1)); else failed=$((failed+1)); failures+=("$name"); fi
}

# The Buildbarn binaries of the remote-execution check build from the Go module proxy (hundreds
# of MB on a fresh machine): start now, so the download overlaps the Go tests; the check waits
# for this build (a lock) and takes its result.
bb_log=${OPENED_BAZEL_TMP:-/tmp/opened-bazel}/buildbarn-build.log
mkdir -p "$(dirname "$bb_log")"
tests/remote/buildbarn.sh build >"$bb_log" 2>&1 &

step gofmt bash -c 'out=$(gofmt -l $(git ls-files "*.go")); [ -z "$out" ] || { echo "gofmt would change:"; echo "$out"; exit 1; }'
step go-vet go vet ./...
# What Gazelle compiles must stay free of cgo.
step go-vet-nocgo env CGO_ENABLED=0 go vet ./tools/spec/... ./gazelle_ext/...
step go-test go test -count=1 -timeout 25m ./...
# bazel test //..., then the end-to-end Bazel checks: buildifier, Gazelle staleness, examples, negative cases, an external
# consumer, incremental rebuilds, reproducibility, remote cache.
step bazel-e2e tests/bazel/run.sh
# Remote execution on a local Buildbarn cluster (built from the Go module proxy, cached in
# /var/cache/opened-buildbarn): every OPENED action runs remotely, plain and chrooted into its
# input root (hermetic), outputs identical to a local build.
step remote-exec tests/remote/remote_exec_test.sh

echo
[ ${#failures[@]} -eq 0 ] || echo "failed steps: ${failures[*]}"
echo "steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
