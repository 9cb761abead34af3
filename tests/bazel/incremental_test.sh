#!/usr/bin/env bash
# Incrementality, in a scratch copy of the tree:
#   - editing one vendored NF's .c file re-runs exactly that NF's EbpfExtract;
#   - editing a Go source of the `opened` tool re-runs the repository rule that
#     builds it, so every EbpfExtract runs again with the new binary;
#   - a rebuild with nothing changed runs no action.
source "$(dirname "$0")/lib.sh"
work=$(mktemp -d "$OPENED_BAZEL_TMP/incremental.XXXXXX")
_cleanup_dirs+=("$work")
co=$work/opened
checkout "$co"

# extracts LOG: prints the sorted labels of the EbpfExtract spawns in an execution log.
extracts() {
  python3 - "$1" <<'PY'
import json, re, sys
text, dec, i, out = open(sys.argv[1]).read(), json.JSONDecoder(), 0, []
while i < len(text):
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    o, i = dec.raw_decode(text, i)
    if o.get("mnemonic") == "EbpfExtract":
        m = re.search(r"//\S+", o.get("progressMessage", ""))
        out.append(m.group(0) if m else "?")
print(" ".join(sorted(out)))
PY
}
build() { bz incremental "$co" build --execution_log_json_file="$work/$1.json" //examples/datapath/... >"$work/$1.log" 2>&1 || { cat "$work/$1.log"; fail "build ($1)"; }; }

build first
all=$(extracts "$work/first.json")
n=$(echo "$all" | wc -w)
[ "$n" -gt 0 ] || fail "no EbpfExtract actions in the first build"

build noop
[ -z "$(extracts "$work/noop.json")" ] || fail "a no-op rebuild re-ran: $(extracts "$work/noop.json")"

# The first extraction's repository: its package holds the filegroup named in srcs.
unit=${all%% *}
pkg=$(bz incremental "$co" query "labels(srcs, $unit)" 2>/dev/null | head -1)
pkg=${pkg#//}; pkg=${pkg%%:*}
src=$(cd "$co/$pkg" && find . -name '*.c' | sort | head -1)
[ -n "$src" ] || fail "no .c file under $pkg"
printf '\n/* edited by incremental_test */\n' >>"$co/$pkg/$src"
build edit
got=$(extracts "$work/edit.json")
[ "$got" = "$unit" ] || fail "editing $pkg/${src#./} re-ran [$got], want [$unit]"

main=$(ls "$co"/tools/opened/*.go | grep -v _test.go | head -1)
printf '\nvar _ = "edited by incremental_test"\n' >>"$main"
build tool
got=$(extracts "$work/tool.json")
[ "$got" = "$all" ] || fail "editing ${main#$co/} re-ran [$got], want all of [$all]"
echo "PASS: incremental (no-op: 0 actions; NF edit: only $unit; tool edit: all $n extractions)"
