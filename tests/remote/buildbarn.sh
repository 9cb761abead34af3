#!/usr/bin/env bash
# A local Buildbarn cluster (REAPI remote execution) on 127.0.0.1 for OPENED's tests.
#
#   tests/remote/buildbarn.sh build                 builds (or reuses) the pinned binaries; prints their directory
#   tests/remote/buildbarn.sh start STATE [KIND]    starts storage, frontend, scheduler, worker and runner;
#                                                   KIND is "plain" (default) or "chroot" (the runner
#                                                   chroots into each action's input root); prints the
#                                                   frontend's grpc:// address (also in STATE/endpoint)
#   tests/remote/buildbarn.sh stop STATE            stops exactly the processes `start` started (their PIDs
#                                                   are in STATE/pids), SIGKILL after a timeout
#
# Binaries come from tests/remote/buildbarn/go.mod (its own module, pinned versions) built with
# the host Go (/usr/local/go/bin/go or GO) through the Go module proxy (GOPROXY as set, default
# proxy.golang.org), with four local changes applied to copies of the modules at build time:
#   - bb-storage's own patch of google.golang.org/genproto/googleapis/bytestream (from the
#     bb-storage module's patches/ directory): without it bb_storage does not compile;
#   - patches/*-scheduler-rev2.0-api-versions.diff: the scheduler accepts REv2.0 (Bazel 4.2.3);
#   - patches/*-worker-rev2.0-output-files.diff: the worker reads REv2.0 output_files and
#     output_directories when output_paths is empty (Bazel 4.2.3);
#   - patches/*-runner-chroot-exec-argv0.diff: a chrooted runner execs argv[0] directly instead of
#     through /usr/bin/env, so the input root needs to hold only the action's declared inputs.
# The binaries are cached in OPENED_BUILDBARN_CACHE (default /var/cache/opened-buildbarn) under a
# key of the versions, patches and Go version; a second `build` takes no time.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
GO=${GO:-$(command -v /usr/local/go/bin/go || command -v go || true)}
CACHE=${OPENED_BUILDBARN_CACHE:-/var/cache/opened-buildbarn}
BINARIES=(bb_storage bb_scheduler bb_worker bb_runner)
PACKAGES=(
  github.com/buildbarn/bb-storage/cmd/bb_storage
  github.com/buildbarn/bb-remote-execution/cmd/bb_scheduler
  github.com/buildbarn/bb-remote-execution/cmd/bb_worker
  github.com/buildbarn/bb-remote-execution/cmd/bb_runner
)

die() { echo "buildbarn: $*" >&2; exit 1; }
log() { echo "buildbarn: $*" >&2; }

cache_key() {
  [ -x "$GO" ] || die "no Go found (set GO)"
  {
    echo "buildbarn.sh build v1"
    "$GO" version
    cat "$here/buildbarn/go.mod" "$here/buildbarn/go.sum" "$here/buildbarn/tools.go"
    cat "$here"/buildbarn/patches/*.diff
  } | sha256sum | cut -c1-16
}

# build: prints the directory holding the four binaries, building them if needed.
cmd_build() {
  local key dir work mod
  key=$(cache_key)
  dir=$CACHE/$key
  if [ -x "$dir/bin/bb_runner" ]; then
    echo "$dir/bin"
    return
  fi
  mkdir -p "$CACHE"
  # One build at a time (scripts/test.sh starts one early, in the background, so that the module
  # download overlaps the Go tests): wait for it, then take its result.
  exec 9>"$CACHE/.build.lock"
  flock 9
  if [ -x "$dir/bin/bb_runner" ]; then
    exec 9>&-
    echo "$dir/bin"
    return
  fi
  # Leftovers of interrupted builds.
  find "$CACHE" -maxdepth 1 -name 'build.*' -mmin +60 -exec sh -c 'chmod -R u+w "$1"; rm -rf "$1"' _ {} \;
  work=$(mktemp -d "$CACHE/build.XXXXXX")
  mod=$work/mod
  mkdir -p "$mod"
  cp "$here/buildbarn/go.mod" "$here/buildbarn/go.sum" "$here/buildbarn/tools.go" "$mod/"
  local start=$SECONDS
  export GOTOOLCHAIN=local GOWORK=off GOFLAGS=-mod=readonly CGO_ENABLED=0
  # The proxy serves these pseudo-versions' .mod and .zip but not .info, so
  # modules are located through packages (go list), never `go mod download`.
  log "fetching modules (GOPROXY=${GOPROXY:-$("$GO" env GOPROXY)})"
  local dirs
  dirs=$(cd "$mod" && "$GO" list -f '{{.Module.Path}} {{.Module.Dir}}' \
    "${PACKAGES[@]}" google.golang.org/genproto/googleapis/bytestream) || die "go list failed (module download)"
  local bs_dir re_dir st_dir
  bs_dir=$(awk '$1 == "google.golang.org/genproto/googleapis/bytestream" {print $2; exit}' <<<"$dirs")
  re_dir=$(awk '$1 == "github.com/buildbarn/bb-remote-execution" {print $2; exit}' <<<"$dirs")
  st_dir=$(awk '$1 == "github.com/buildbarn/bb-storage" {print $2; exit}' <<<"$dirs")
  [ -n "$bs_dir" ] && [ -n "$re_dir" ] && [ -n "$st_dir" ] || die "modules not found: $dirs"

  # Patched copies, used through replace directives of the copied go.mod.
  cp -r "$bs_dir" "$work/bytestream"
  cp -r "$re_dir" "$work/bb-remote-execution"
  chmod -R u+w "$work/bytestream" "$work/bb-remote-execution"
  local p
  for p in "$st_dir"/patches/org_golang_google_genproto_googleapis_bytestream/*.diff; do
    [ -f "$p" ] || die "bb-storage ships no bytestream patch (looked in $st_dir/patches)"
    (cd "$work/bytestream" && patch -s -p0 <"$p") || die "applying $p"
  done
  for p in "$here"/buildbarn/patches/bb-remote-execution-*.diff; do
    (cd "$work/bb-remote-execution" && patch -s -p1 <"$p") || die "applying $p"
  done
  (cd "$mod" &&
    "$GO" mod edit \
      -replace "google.golang.org/genproto/googleapis/bytestream=$work/bytestream" \
      -replace "github.com/buildbarn/bb-remote-execution=$work/bb-remote-execution") || die "go mod edit"

  log "compiling ${BINARIES[*]}"
  mkdir -p "$work/bin"
  (cd "$mod" && "$GO" build -trimpath -o "$work/bin/" "${PACKAGES[@]}") || die "go build failed"
  rm -rf "$dir"
  mkdir -p "$dir"
  mv "$work/bin" "$dir/bin"
  chmod -R u+w "$work"
  rm -rf "$work"
  log "built in $((SECONDS - start)) s: $dir/bin"
  echo "$dir/bin"
}

free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

# proc_start PID: the process's start time (field 22 of /proc/PID/stat), to
# tell a process we started from a later one that reused its PID.
proc_start() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null || true; }

# running PID START: the process we started is still there (and not a zombie).
running() {
  [ "$(proc_start "$1")" = "$2" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

port_open() { python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 0.5)" "$1" 2>/dev/null; }

# metric PORT NAME: the sum of a Prometheus metric's samples on a diagnostics port (0 if absent).
metric() {
  curl -s "http://127.0.0.1:$1/metrics" 2>/dev/null |
    awk -v n="$2" '$1 == n || index($1, n "{") == 1 {s += $2} END {print s + 0}'
}

cmd_start() {
  local state=${1:?usage: start STATE [plain|chroot]} kind=${2:-plain}
  case $kind in plain | chroot) ;; *) die "runner kind must be plain or chroot, not $kind" ;; esac
  command -v python3 >/dev/null || die "python3 is needed"
  command -v curl >/dev/null || die "curl is needed"
  [ ! -s "$state/pids" ] || die "$state/pids exists: stop that cluster first"
  local bin
  bin=$(cmd_build)
  mkdir -p "$state"
  state=$(cd "$state" && pwd)
  mkdir -p "$state/cas" "$state/ac" "$state/worker/build" "$state/worker/cache" "$state/logs"
  local ports
  read -r -a ports <<<"$(free_ports 9)"
  export BB_STATE=$state BB_RUNNER_KIND=$kind BB_CONCURRENCY=${BB_CONCURRENCY:-$(nproc)}
  export BB_STORAGE_PORT=${ports[0]} BB_FRONTEND_PORT=${ports[1]}
  export BB_SCHEDULER_CLIENT_PORT=${ports[2]} BB_SCHEDULER_WORKER_PORT=${ports[3]}
  export BB_STORAGE_HTTP_PORT=${ports[4]} BB_FRONTEND_HTTP_PORT=${ports[5]} BB_SCHEDULER_HTTP_PORT=${ports[6]}
  export BB_WORKER_HTTP_PORT=${ports[7]} BB_RUNNER_HTTP_PORT=${ports[8]}
  env | grep '^BB_' | sort >"$state/env"
  : >"$state/pids"
  local t0=$SECONDS name binary pid
  # Order: storage first (the others connect to it), runner before worker.
  for name in storage frontend scheduler runner worker; do
    case $name in
      storage | frontend) binary=bb_storage ;;
      *) binary=bb_$name ;;
    esac
    "$bin/$binary" "$here/config/$name.jsonnet" </dev/null >"$state/logs/$name.log" 2>&1 &
    pid=$!
    echo "$pid $(proc_start "$pid") $name" >>"$state/pids"
  done
  # Ready when the frontend accepts connections and the worker has
  # registered with the scheduler (it then asks for work).
  local i ok=""
  for i in $(seq 300); do
    while read -r pid _ name; do
      kill -0 "$pid" 2>/dev/null || { tail -20 "$state/logs/$name.log" >&2; cmd_stop "$state"; die "$name exited at start (log: $state/logs/$name.log)"; }
    done <"$state/pids"
    if port_open "$BB_FRONTEND_PORT" &&
      [ "$(metric "$BB_SCHEDULER_HTTP_PORT" buildbarn_builder_in_memory_build_queue_workers_created_total)" != 0 ]; then
      ok=1
      break
    fi
    sleep 0.1
  done
  [ -n "$ok" ] || { cmd_stop "$state"; die "cluster not ready after 30 s (logs: $state/logs)"; }
  echo "grpc://127.0.0.1:$BB_FRONTEND_PORT" >"$state/endpoint"
  log "started ($kind runner) in $((SECONDS - t0)) s: frontend grpc://127.0.0.1:$BB_FRONTEND_PORT, state $state"
  cat "$state/endpoint"
}

cmd_stop() {
  local state=${1:?usage: stop STATE}
  [ -f "$state/pids" ] || return 0
  local pid start name alive=()
  while read -r pid start name; do
    [ -n "$pid" ] || continue
    if [ -n "$start" ] && running "$pid" "$start"; then
      kill -TERM "$pid" 2>/dev/null || true
      alive+=("$pid:$start:$name")
    fi
  done <"$state/pids"
  # bb_worker ignores SIGTERM for more than 10 s: SIGKILL what is left after 5 s.
  local entry i
  for i in $(seq 50); do
    local still=()
    for entry in "${alive[@]+"${alive[@]}"}"; do
      IFS=: read -r pid start name <<<"$entry"
      if running "$pid" "$start"; then still+=("$entry"); fi
    done
    alive=("${still[@]+"${still[@]}"}")
    [ ${#alive[@]} -eq 0 ] && break
    sleep 0.1
  done
  for entry in "${alive[@]+"${alive[@]}"}"; do
    IFS=: read -r pid start name <<<"$entry"
    log "$name (PID $pid) ignored SIGTERM for 5 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  done
  for entry in "${alive[@]+"${alive[@]}"}"; do
    IFS=: read -r pid start name <<<"$entry"
    while running "$pid" "$start"; do sleep 0.05; done
  done
  rm -f "$state/pids"
}

case ${1:-} in
  build) cmd_build ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
