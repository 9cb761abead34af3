# Shared helpers for the end-to-end Bazel tests (sourced, not run).
# Every test uses its own output base under $OPENED_BAZEL_TMP (default
# /tmp/opened-bazel) and shuts its Bazel servers down on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OPENED_BAZEL_TMP=${OPENED_BAZEL_TMP:-/tmp/opened-bazel}
BAZEL=${BAZEL:-bazel}
export PATH=/usr/local/go/bin:$PATH
mkdir -p "$OPENED_BAZEL_TMP"

# Every test has an output base of its own, and building the tools (the Go SDK's standard
# library, go-sqlite3's cgo, the opened tool, Gazelle) from nothing costs minutes in each. Those
# actions share one disk cache. OPENED's own actions (mnemonics Ebpf*) and test runs are never
# cached there, so every test still executes each of them itself. A test that measures caching
# (remote_cache) sets OPENED_E2E_NO_DISK_CACHE=1 before sourcing this file.
E2E_BAZELRC=$OPENED_BAZEL_TMP/e2e.bazelrc
cat >"$E2E_BAZELRC" <<RC
build --disk_cache=$OPENED_BAZEL_TMP/disk-cache
build --modify_execution_info=^Ebpf.*=+no-cache,^TestRunner\$=+no-cache
RC
_rc=(--bazelrc="$E2E_BAZELRC")
[ -z "${OPENED_E2E_NO_DISK_CACHE:-}" ] || _rc=()

_output_bases=()
_cleanup_dirs=()

# bz OUTPUT_BASE_NAME WORKDIR ARGS... : runs bazel in WORKDIR with its own output base.
bz() {
  local ob="$OPENED_BAZEL_TMP/ob-$1" dir=$2
  shift 2
  _output_bases+=("$ob|$dir")
  (cd "$dir" && "$BAZEL" --output_base="$ob" "${_rc[@]}" "$@")
}

# Removes the output bases (after shutting their servers down) and temporary dirs.
cleanup() {
  local entry ob dir
  for entry in "${_output_bases[@]+"${_output_bases[@]}"}"; do
    ob=${entry%%|*}; dir=${entry#*|}
    if [ -d "$dir" ] && [ -d "$ob" ]; then
      (cd "$dir" && "$BAZEL" --output_base="$ob" "${_rc[@]}" shutdown >/dev/null 2>&1) || true
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

# spawns LOG MNEMONIC: the sorted labels of the MNEMONIC spawns in an execution log
# (--execution_log_json_file).
spawns() {
  python3 - "$1" "$2" <<'PY'
import json, re, sys
text, dec, i, out = open(sys.argv[1]).read(), json.JSONDecoder(), 0, []
while i < len(text):
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    o, i = dec.raw_decode(text, i)
    if o.get("mnemonic") == sys.argv[2]:
        m = re.search(r"//\S+", o.get("progressMessage", ""))
        out.append(m.group(0) if m else "?")
print(" ".join(sorted(out)))
PY
}
