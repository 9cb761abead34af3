# Shared helpers for the end-to-end Bazel tests (sourced, not run).
# Every test uses its own output base under $OPENED_BAZEL_TMP (default
# /tmp/opened-bazel) and shuts its Bazel servers down on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OPENED_BAZEL_TMP=${OPENED_BAZEL_TMP:-/tmp/opened-bazel}
BAZEL=${BAZEL:-bazel}
export PATH=/usr/local/go/bin:$PATH
mkdir -p "$OPENED_BAZEL_TMP"

_output_bases=()
_cleanup_dirs=()

# bz OUTPUT_BASE_NAME WORKDIR ARGS... : runs bazel in WORKDIR with its own output base.
bz() {
  local ob="$OPENED_BAZEL_TMP/ob-$1" dir=$2
  shift 2
  _output_bases+=("$ob|$dir")
  (cd "$dir" && "$BAZEL" --output_base="$ob" "$@")
}

# Removes the output bases (after shutting their servers down) and temporary dirs.
cleanup() {
  local entry ob dir
  for entry in "${_output_bases[@]+"${_output_bases[@]}"}"; do
    ob=${entry%%|*}; dir=${entry#*|}
    if [ -d "$dir" ] && [ -d "$ob" ]; then
      (cd "$dir" && "$BAZEL" --output_base="$ob" shutdown >/dev/null 2>&1) || true
    fi
  done
  for entry in "${_output_bases[@]+"${_output_bases[@]}"}"; do
    ob=${entry%%|*}
    if [ -d "$ob" ]; then chmod -R u+w "$ob" 2>/dev/null || true; rm -rf "$ob"; fi
  done
  for dir in "${_cleanup_dirs[@]+"${_cleanup_dirs[@]}"}"; do rm -rf "$dir"; done
}
trap cleanup EXIT

# checkout DEST: copies the working tree (tracked and untracked, not ignored files) to DEST.
checkout() {
  local dest=$1
  mkdir -p "$dest"
  _cleanup_dirs+=("$dest")
  if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | \
      while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done | \
      tar --null -T - -cf -) | tar -C "$dest" -xf -
  else
    (cd "$ROOT" && tar --exclude='./bazel-*' --exclude=./.git -cf - .) | tar -C "$dest" -xf -
  fi
}

fail() { echo "FAIL: $*" >&2; exit 1; }
