#!/usr/bin/env bash
# Reproducibility: two checkouts in two different directories, two clean
# output bases; `bazel build //examples/datapath/...` must give bit-identical
# outputs, and no output may contain an absolute path of a checkout or an
# output base (sandbox paths live below the output base).
source "$(dirname "$0")/lib.sh"
work=$(mktemp -d "$OPENED_BAZEL_TMP/repro.XXXXXX")
_cleanup_dirs+=("$work")
a=$work/first/opened
b=$work/second/elsewhere/checkout
checkout "$a"
checkout "$b"

for side in a b; do
  dir=${!side}
  bz "repro-$side" "$dir" build //examples/datapath/... || fail "build in $dir"
  bin=$(bz "repro-$side" "$dir" info bazel-bin 2>/dev/null)
  # Every output file; runfiles trees and manifests (which name the output
  # base by design, and are never cached or shipped) are left out.
  (cd "$bin/examples/datapath" && find . -type f ! -path '*.runfiles/*' ! -name '*.runfiles_manifest' -print0 | \
    sort -z | xargs -0 sha256sum) >"$work/$side.sums"
  # No absolute checkout or output-base path in any output.
  for needle in "$dir" "$OPENED_BAZEL_TMP/ob-repro-$side" "$work"; do
    while read -r _ f; do
      if grep -qF "$needle" "$bin/examples/datapath/$f"; then
        fail "examples/datapath/$f contains the absolute path $needle"
      fi
    done <"$work/$side.sums"
  done
done
n=$(wc -l <"$work/a.sums")
[ "$n" -gt 0 ] || fail "no outputs found"
grep -q '/mcu\.o$' "$work/a.sums" || fail "no mcu.o among outputs"
grep -q '/changes\.json$' "$work/a.sums" || fail "no ported unit (changes.json of an ebpf_transform) among outputs"
if ! diff -u "$work/a.sums" "$work/b.sums"; then
  fail "outputs differ between the two checkouts"
fi
echo "PASS: repro ($n output files bit-identical across $a and $b)"
