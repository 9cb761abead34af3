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

# The pipeline (decap, flowobs, acl at XDP; ratelimit at TC), composed by Bazel, loaded on a
# veth whose ends sit in two network namespaces of their own, fed real frames, then unloaded.
bazel build //examples/datapath:pipeline //examples/datapath:pipeline_load
opened="$(bazel info output_base 2>/dev/null)/external/opened_tool/bin/opened"
a=opened-ex-a b=opened-ex-b
cleanup() { ip netns del $a 2>/dev/null || true; ip netns del $b 2>/dev/null || true; }
cleanup
trap cleanup EXIT
ip netns add $a
ip netns add $b
ip -n $a link add ex0 type veth peer name ex1 netns $b
ip -n $a addr add 10.200.0.1/24 dev ex0
ip -n $b addr add 10.200.0.2/24 dev ex1
ip -n $a link set ex0 up
ip -n $b link set ex1 up
echo
echo "Pipeline //examples/datapath:pipeline on ex0 (namespace $a):"
bazel run //examples/datapath:pipeline_load -- --netns $a --iface ex0 2>/dev/null
# 40 UDP datagrams, 10 IPIP-encapsulated ones (decap strips the outer header) and 10 with a
# broken IPv4 checksum (decap drops them), sent from the other end.
ip netns exec $b python3 - <<'PY'
import socket, struct
def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
def ipv4(proto, payload, src="10.200.0.2", dst="10.200.0.1", bad=False):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst))
    c = csum(h) ^ (0xffff if bad else 0)
    return h[:10] + struct.pack("!H", c) + h[12:] + payload
udp = struct.pack("!HHHH", 40000, 9, 12, 0) + b"open"
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("ex1", 0))
eth = b"\xff" * 6 + s.getsockname()[4] + b"\x08\x00"
for _ in range(40): s.send(eth + ipv4(17, udp))
for _ in range(10): s.send(eth + ipv4(4, ipv4(17, udp)))
for _ in range(10): s.send(eth + ipv4(17, udp, bad=True))
PY
sleep 0.5
"$opened" status --iface ex0
"$opened" unload --iface ex0
ip -n $a link show ex0 | grep -q prog/xdp && { echo "example: XDP program left on ex0" >&2; exit 1; }
echo "ex0 after unload: no XDP program, no tcx link"
