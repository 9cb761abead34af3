#!/usr/bin/env bash
# Prepares this machine for OPENED's offline Bazel build (Bazel 4.2.3 from Debian).
# Idempotent: installs only what is missing; `go mod download` is a no-op when
# the module cache already has everything. After this, no Bazel command
# downloads anything (see WORKSPACE, docs/bazel.md).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/apt-ensure.sh bazel-bootstrap bazel-skylib bazel-platforms golang-1.19-go clang llvm libbpf-dev bpftool nginx-light python3 curl

GO=${GO:-}
if [ -z "$GO" ]; then
  if [ -x /usr/local/go/bin/go ]; then GO=/usr/local/go/bin/go; else GO=$(command -v go); fi
fi
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
modcache=$("$GO" env GOMODCACHE)

# 1. The `opened` tool's modules (built by //bazel:go_tools.bzl with the host Go).
"$GO" mod download

# 2. Bazel rule sets published as Go modules: rules_go (last for Bazel 4.2) and gazelle.
"$GO" mod download github.com/bazelbuild/rules_go@v0.34.0 github.com/bazelbuild/bazel-gazelle@v0.27.0

# 3. gazelle's own dependencies at the versions of ITS go.mod (compiled into the
#    go_repository tools and, by rules_go, into //:gazelle).
(cd "$modcache/github.com/bazelbuild/bazel-gazelle@v0.27.0" && "$GO" mod download)

# 4. Every go_repository of bazel/go_deps.bzl (read from there: one source of truth).
mods=$(awk '/importpath = /{gsub(/[",]/,"",$3); ip=$3} /version = /{gsub(/[",]/,"",$3); print ip "@" $3}' bazel/go_deps.bzl)
# shellcheck disable=SC2086
"$GO" mod download $mods

# 5. buildifier, for the Starlark lint test (tests/bazel/buildifier_test.sh).
BUILDIFIER_VERSION=v0.0.0-20250826111327-4006b543a694
gobin=$("$GO" env GOPATH)/bin
if ! "$GO" version -m "$gobin/buildifier" 2>/dev/null | grep -q "buildtools[[:space:]]*$BUILDIFIER_VERSION"; then
  GOFLAGS= "$GO" install "github.com/bazelbuild/buildtools/buildifier@$BUILDIFIER_VERSION"
fi
echo "setup-bazel: ready (module cache $modcache, buildifier $gobin/buildifier)" >&2
