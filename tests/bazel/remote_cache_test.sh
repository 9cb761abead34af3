#!/usr/bin/env bash
# Remote cache: an nginx WebDAV server on 127.0.0.1 (free port) serves as
# Bazel's HTTP cache. The examples are built from one clean output base, then
# from a second clean output base in another checkout directory; every
# EbpfExtract and EbpfTransform action of the second build must be a remote cache hit
# (read from --execution_log_json_file).
# This test measures caching itself: no shared disk cache (lib.sh).
OPENED_E2E_NO_DISK_CACHE=1
source "$(dirname "$0")/lib.sh"
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || fail "nginx not installed (scripts/setup-bazel.sh installs nginx-light)"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d "$OPENED_BAZEL_TMP/rcache.XXXXXX")
_cleanup_dirs+=("$work")
chmod 755 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
user=www-data
id "$user" >/dev/null 2>&1 || user=nobody
mkdir -p "$work/cache" "$work/nginx"
chown "$user" "$work/cache"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
user $user;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $work/cache/.tmp;
  server {
    listen 127.0.0.1:$port;
    root $work/cache;
    client_max_body_size 0;
    location / {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:rw all:r;
    }
  }
}
CONF
"$NGINX" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
stop_nginx() { kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; }
trap 'stop_nginx; cleanup' EXIT
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done
cache=(--remote_cache="http://127.0.0.1:$port" --remote_upload_local_results)

a=$work/one/opened
b=$work/two/other-dir/opened
checkout "$a"
checkout "$b"

bz rcache-a "$a" build "${cache[@]}" //examples/datapath/... || fail "first build"
if ! bz rcache-b "$b" build "${cache[@]}" --execution_log_json_file="$work/exec-b.json" //examples/datapath/... \
  >"$work/build-b.log" 2>&1; then
  cat "$work/build-b.log" >&2
  fail "second build"
fi
cat "$work/build-b.log"

python3 - "$work/exec-b.json" <<'PY' || fail "EbpfExtract/EbpfTransform actions of the second build were not all remote cache hits"
import json, sys
text = open(sys.argv[1]).read()
dec, i, spawns = json.JSONDecoder(), 0, []
while i < len(text):
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    obj, i = dec.raw_decode(text, i)
    spawns.append(obj)
ok = True
for mnemonic in ("EbpfExtract", "EbpfTransform"):
    acts = [s for s in spawns if s.get("mnemonic") == mnemonic]
    hits = [s for s in acts if s.get("remoteCacheHit")]
    print("second build: %d spawns, %d %s, %d of them remote cache hits" % (len(spawns), len(acts), mnemonic, len(hits)))
    for s in acts:
        if not s.get("remoteCacheHit"):
            print("  miss:", s.get("progressMessage") or s.get("listedOutputs"))
    ok = ok and bool(acts) and len(hits) == len(acts)
sys.exit(0 if ok else 1)
PY
grep -o '[0-9]* remote cache hit' "$work/build-b.log" || true
echo "PASS: remote cache (every EbpfExtract and EbpfTransform of the second checkout was a remote cache hit)"
