#!/usr/bin/env bash
# Builds every example extraction and verifies each unit in the running kernel:
#   bazel build //examples/datapath/...   (EbpfExtract actions, sandboxed)
#   bazel test //examples/...             (ebpf_verify_test: local, as root)
# and checks each unit directory holds exactly the five contract files.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || fail "ebpf_verify_test loads programs into the kernel: run as root"

bz examples "$ROOT" build //examples/datapath/... || fail "bazel build //examples/datapath/..."
bin=$(bz examples "$ROOT" info bazel-bin 2>/dev/null)
units=$(bz examples "$ROOT" query 'kind(ebpf_extract, //examples/datapath/...)' 2>/dev/null)
[ -n "$units" ] || fail "no ebpf_extract targets under //examples/datapath"
for u in $units; do
  pkg=${u#//}; pkg=${pkg%%:*}; name=${u##*:}
  got=$(cd "$bin/$pkg/$name" && ls | sort | tr '\n' ' ')
  [ "$got" = "functions.json maps.json mcu.c mcu.o warnings.json " ] || fail "$u: unit dir has [$got]"
done
bz examples "$ROOT" test //examples/... || fail "bazel test //examples/..."
echo "PASS: examples ($(echo $units | wc -w) units built and verified)"
