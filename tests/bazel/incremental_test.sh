#!/usr/bin/env bash
# Incrementality, in a scratch copy of the tree:
#   - editing one vendored NF's .c file re-runs exactly that NF's EbpfExtract;
#   - editing a user-space file of a vendored NF that mentions none of the unit's names
#     re-runs no EbpfExtract (unused_inputs_list; only the cheap EbpfExtractCheck runs);
#     making it define a name of the unit is noticed by EbpfExtractCheck, which extracts
#     again (the duplicate definition appears in warnings.json);
#   - editing a Go source of the `opened` tool re-runs the repository rule that
#     builds it, so every EbpfExtract runs again with the new binary;
#   - a rebuild with nothing changed runs no action.
source "$(dirname "$0")/lib.sh"
work=$(mktemp -d "$OPENED_BAZEL_TMP/incremental.XXXXXX")
_cleanup_dirs+=("$work")
co=$work/opened
checkout "$co"

# A user-space tool in the first NF's tree (alphabetically: xdp_acl), as vendored projects
# carry: a .c file no BPF unit includes and that mentions none of the unit's names.
ctl=$co/examples/third_party/xdp_acl/tools/acl_ctl.c
mkdir -p "$(dirname "$ctl")"
printf '/* user-space control tool, never built for BPF */\n#include <stdio.h>\nint main(int argc, char **argv) { printf("%%s\\n", argv[0]); return argc > 1; }\n' >"$ctl"

# extracts LOG [MNEMONIC]: prints the sorted labels of the EbpfExtract (or MNEMONIC) spawns
# in an execution log.
extracts() { spawns "$1" "${2:-EbpfExtract}"; }
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

# A user-space edit that keeps the unit's names out: no extraction runs.
printf 'int ctl_verbose;\n' >>"$ctl"
build user
got=$(extracts "$work/user.json"); checks=$(extracts "$work/user.json" EbpfExtractCheck)
echo "user-space edit (${ctl#$co/}): $(echo $got | wc -w) EbpfExtract [$got], $(echo $checks | wc -w) EbpfExtractCheck [$checks]"
[ -z "$got" ] || fail "editing ${ctl#$co/} (mentions none of the unit's names) re-ran [$got], want none"

# The same file now defines a function of the acl unit: the check action sees it and
# extracts again, and warnings.json names the new definition.
printf 'int acl_port_match(int a, int b, int c) { return a + b + c; }\n' >>"$ctl"
build dup
got=$(extracts "$work/dup.json"); checks=$(extracts "$work/dup.json" EbpfExtractCheck)
echo "edit defining acl_port_match: $(echo $got | wc -w) EbpfExtract, $(echo $checks | wc -w) EbpfExtractCheck [$checks]"
grep -q "extracting again" "$work/dup.log" || { cat "$work/dup.log"; fail "EbpfExtractCheck did not extract again after ${ctl#$co/} started to define acl_port_match"; }
bin=$(bz incremental "$co" info bazel-bin 2>/dev/null)
grep -q "tools/acl_ctl.c" "$bin/examples/datapath/acl/warnings.json" || { cat "$bin/examples/datapath/acl/warnings.json"; fail "warnings.json does not name the new definition in tools/acl_ctl.c"; }

main=$(ls "$co"/tools/opened/*.go | grep -v _test.go | head -1)
printf '\nvar _ = "edited by incremental_test"\n' >>"$main"
build tool
got=$(extracts "$work/tool.json")
[ "$got" = "$all" ] || fail "editing ${main#$co/} re-ran [$got], want all of [$all]"
echo "PASS: incremental (no-op: 0 actions; NF edit: only $unit; user-space edit: 0 extractions; new duplicate definition: re-extracted by the check; tool edit: all $n extractions)"
