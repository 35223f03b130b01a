#!/usr/bin/env bash
# A real 3-node Redis Cluster (masters only) from the machine's redis-server, on free loopback ports.
#   scripts/redis-cluster.sh start [DIR]   start it (idempotent: a running cluster in DIR is reused); prints its nodes
#   scripts/redis-cluster.sh nodes [DIR]   prints "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3" (REDIS_CLUSTER_NODES)
#   scripts/redis-cluster.sh stop  [DIR]   stop every node and remove DIR
# Data lives only in memory (no RDB, no AOF); DIR holds the nodes' config, pid and log files.
set -euo pipefail
cmd=${1:-}
dir=${2:-${REDIS_CLUSTER_DIR:-/tmp/dongne-redis-cluster-$(id -u)}}

free_port() {
  # A free port whose cluster bus port (+10000) is free too; both below Linux's ephemeral range (32768 on), where
  # an outgoing connection's local port, which no probe sees, could make the bind fail.
  while :; do
    local p=$((10000 + RANDOM % 12000))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && ! (exec 3<>/dev/tcp/127.0.0.1/$((p + 10000))) 2>/dev/null; then
      echo "$p"
      return
    fi
  done
}

running() {
  [ -s "$dir/nodes" ] || return 1
  local n
  for n in $(tr ',' ' ' <"$dir/nodes"); do
    redis-cli -h 127.0.0.1 -p "${n##*:}" cluster info 2>/dev/null | grep -q 'cluster_state:ok' || return 1
  done
}

stop() {
  local pidfile
  for pidfile in "$dir"/*/redis.pid; do
    [ -f "$pidfile" ] || continue
    local pid
    pid=$(cat "$pidfile")
    kill -CONT "$pid" 2>/dev/null || true # a node the tests froze with SIGSTOP must wake to hear TERM
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$dir"
}

start() {
  if running; then cat "$dir/nodes"; return; fi
  stop
  mkdir -p "$dir"
  local ports=() p attempt
  for _ in 1 2 3; do
    # A node that does not answer (its port was taken meanwhile, by another run) is replaced on another port.
    for attempt in 1 2 3 4 5; do
      p=$(free_port)
      mkdir -p "$dir/$p"
      redis-server --port "$p" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$dir/$p/nodes.conf" \
        --cluster-node-timeout 2000 --cluster-require-full-coverage no --dir "$dir/$p" --save "" --appendonly no \
        --daemonize yes --pidfile "$dir/$p/redis.pid" --logfile "$dir/$p/redis.log"
      for _ in $(seq 50); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done
      if redis-cli -p "$p" ping >/dev/null 2>&1; then break; fi
      echo "redis node on port $p did not start (attempt $attempt): $(tail -n 2 "$dir/$p/redis.log" 2>/dev/null)" >&2
      [ -f "$dir/$p/redis.pid" ] && kill -KILL "$(cat "$dir/$p/redis.pid")" 2>/dev/null || true
      rm -rf "${dir:?}/$p"
      [ "$attempt" = 5 ] && exit 1
    done
    ports+=("$p")
  done
  redis-cli --cluster create "${ports[@]/#/127.0.0.1:}" --cluster-replicas 0 --cluster-yes >"$dir/create.log" 2>&1 ||
    { echo "redis-cli --cluster create failed:" >&2; tail -n 5 "$dir/create.log" >&2; exit 1; }
  local nodes
  nodes=$(printf '127.0.0.1:%s,' "${ports[@]}")
  echo "${nodes%,}" >"$dir/nodes"
  for _ in $(seq 100); do running && break; sleep 0.1; done
  running || { echo "redis cluster in $dir did not become ready" >&2; exit 1; }
  cat "$dir/nodes"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  nodes) cat "$dir/nodes" ;;
  *) echo "usage: $0 start|stop|nodes [DIR]" >&2; exit 2 ;;
esac
