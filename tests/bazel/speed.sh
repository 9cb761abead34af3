#!/usr/bin/env bash
# Measures (does not assert) build speed of //examples/datapath/... on a copy
# of the working tree; figures go into docs/bazel.md. Not part of run.sh.
#   cold      new output base + new server (repository rules run: the opened
#             tool is compiled with the host Go, using its build cache)
#   clean     `bazel clean` then build again (server and repositories warm)
#   no-op     build again with nothing changed
#   edit one  append a comment to one NF's .c file: only its EbpfExtract re-runs
# Set SPEED_COLD_GOCACHE=1 to also start from an empty Go build cache.
source "$(dirname "$0")/lib.sh"
work=$(mktemp -d "$OPENED_BAZEL_TMP/speed.XXXXXX")
_cleanup_dirs+=("$work")
co=$work/opened
checkout "$co"
if [ "${SPEED_COLD_GOCACHE:-0}" = 1 ]; then export GOCACHE=$work/gocache; fi

t() { local s e; s=$(date +%s.%N); "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log"; fail "$*"; }; e=$(date +%s.%N); printf "%.2f" "$(echo "$e - $s" | bc)"; }
procs() { grep -o 'INFO: [0-9]* processes[^.]*' "$work/last.log" | tail -1; }

echo "cold build:      $(t bz speed "$co" build //examples/datapath/...) s  ($(procs))"
bz speed "$co" clean >/dev/null 2>&1
echo "after clean:     $(t bz speed "$co" build //examples/datapath/...) s  ($(procs))"
echo "no-op rebuild:   $(t bz speed "$co" build //examples/datapath/...) s  ($(procs))"
nf=$(ls "$co/examples/third_party" | head -1)
src=$(cd "$co/examples/third_party/$nf" && find . -name '*.c' | sort | head -1)
echo "/* edited */" >>"$co/examples/third_party/$nf/$src"
echo "edit $nf/${src#./}: $(t bz speed "$co" build --execution_log_json_file="$work/exec.json" //examples/datapath/...) s  ($(procs))"
python3 - "$work/exec.json" <<'PY'
import json, sys
text, dec, i, spawns = open(sys.argv[1]).read(), json.JSONDecoder(), 0, []
while i < len(text):
    while i < len(text) and text[i].isspace(): i += 1
    if i >= len(text): break
    o, i = dec.raw_decode(text, i); spawns.append(o)
ex = [s.get("progressMessage", "") for s in spawns if s.get("mnemonic") == "EbpfExtract"]
print("  spawns re-run after the edit: %d, EbpfExtract: %d: %s" % (len(spawns), len(ex), "; ".join(ex)))
PY
