#!/usr/bin/env bash
# Installs what OPENED needs on a fresh Debian machine, and nothing that is already there.
# Idempotent; safe to run before every command. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# Debian packages: the compiler and BPF tooling, Bazel 4.2.3 and its offline rule sets,
# the Go SDK rules_go v0.34 can drive, nginx for the remote-cache test.
pkgs=(clang llvm libbpf-dev bpftool iproute2 bazel-bootstrap bazel-skylib bazel-platforms
      golang-1.19-go nginx-light sqlite3 gcc libc6-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Go: the machine's own toolchain (/usr/local/go on this kind of machine) builds the tools.
if ! command -v go >/dev/null 2>&1; then
  if [ -x /usr/local/go/bin/go ]; then export PATH=/usr/local/go/bin:$PATH; else
    echo "setup: no Go toolchain found (want Go >= 1.25 on PATH or in /usr/local/go)" >&2; exit 1
  fi
fi
go mod download

# Bazel's offline inputs (rules_go, gazelle and their Go modules, buildifier).
if [ -x scripts/setup-bazel.sh ]; then
  scripts/setup-bazel.sh
fi

# BPF needs bpffs for pins; mount it where the kernel expects it.
if [ "$(id -u)" -eq 0 ] && ! mountpoint -q /sys/fs/bpf 2>/dev/null; then
  mount -t bpf bpf /sys/fs/bpf 2>/dev/null || true
fi
