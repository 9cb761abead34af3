#!/usr/bin/env bash
# The main job: extract every stage of examples/datapath/opened.yaml with Bazel (hermetic,
# cached EbpfExtract actions), then load each unit into the running kernel's verifier
# (ebpf_verify_test, as root), and print what each unit holds. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH

if [ "$(id -u)" -ne 0 ]; then
  echo "example: verifying units loads BPF programs into the kernel and needs root" >&2
  exit 1
fi
scripts/setup.sh

bazel build //examples/datapath/...
bazel test //examples/...

bin=$(bazel info bazel-bin 2>/dev/null)
echo
echo "Units in $bin/examples/datapath:"
for u in $(bazel query 'kind(ebpf_extract, //examples/datapath/...)' 2>/dev/null | sort); do
  name=${u##*:}
  d="$bin/examples/datapath/$name"
  python3 - "$d" "$name" <<'PY'
import json, sys, os
d, name = sys.argv[1], sys.argv[2]
f = json.load(open(os.path.join(d, "functions.json")))
m = json.load(open(os.path.join(d, "maps.json")))
w = json.load(open(os.path.join(d, "warnings.json")))
ws = w.get("warnings") or []
print(f"  {name:10s} entry {f['entry']} ({f.get('section','?')}): {len(f['functions'])} functions, "
      f"{len(m.get('maps') or [])} maps, {len(ws)} warnings; {os.path.getsize(os.path.join(d,'mcu.o'))} bytes mcu.o")
PY
done
