#!/usr/bin/env bash
# Installs what OPENED needs on a fresh Debian machine, and nothing that is already there.
# Idempotent; safe to run before every command. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/apt-ensure.sh clang llvm libbpf-dev bpftool iproute2 bazel-bootstrap bazel-skylib bazel-platforms golang-1.19-go nginx-light sqlite3 gcc libc6-dev python3 curl

# Go: the machine's own toolchain (/usr/local/go on this kind of machine) builds the tools.
if ! command -v go >/dev/null 2>&1; then
  if [ -x /usr/local/go/bin/go ]; then export PATH=/usr/local/go/bin:$PATH; else
    echo "setup: no Go toolchain found (want Go >= 1.25 on PATH or in /usr/local/go)" >&2; exit 1
  fi
fi

# Go modules of the tools, and Bazel's offline inputs (rules_go, gazelle and their Go modules,
# buildifier).
scripts/setup-bazel.sh

# BPF needs bpffs for pins; mount it where the kernel expects it.
if [ "$(id -u)" -eq 0 ] && ! mountpoint -q /sys/fs/bpf 2>/dev/null; then
  mount -t bpf bpf /sys/fs/bpf 2>/dev/null || true
fi
