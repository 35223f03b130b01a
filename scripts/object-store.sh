#!/usr/bin/env bash
# A real S3 server for the tests: S3Proxy (Apache-2.0) from Maven Central (cached in ~/.m2), on a free
# loopback port, with its filesystem backend in a temporary directory removed on stop.
#   scripts/object-store.sh start | stop | status | endpoint
# Environment: OBJECT_STORE_STATE (/tmp/dongne-object-store), OBJECT_STORE_PORT (a free one when unset),
#              OBJECT_STORE_JAVA_HOME (a JDK ≥ 17; the default java otherwise).
# The endpoint is written to $OBJECT_STORE_STATE/endpoint; the credentials are fixed test values.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
state=${OBJECT_STORE_STATE:-/tmp/dongne-object-store}
pidfile=$state/s3proxy.pid
identity=dongne-test
credential=dongne-test-secret

java_bin() {
  if [ -n "${OBJECT_STORE_JAVA_HOME:-}" ]; then echo "$OBJECT_STORE_JAVA_HOME/bin/java"; return; fi
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; return; fi
  command -v java || { echo "object-store: no java found (set OBJECT_STORE_JAVA_HOME)" >&2; return 1; }
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
endpoint() { cat "$state/endpoint" 2>/dev/null; }
# Any HTTP answer (S3 says 403 to an anonymous request) means the server listens.
answers() { [ -n "$1" ] && curl -s -o /dev/null -m 2 "$1/" 2>/dev/null; }

free_port() {
  # The kernel picks an unused port; S3Proxy binds it a moment later (collisions are retried below).
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

classpath() {
  if [ ! -s "$state/classpath.txt" ] || [ "$here/object-store/pom.xml" -nt "$state/classpath.txt" ]; then
    mvn -q -B -Dstyle.color=never -f "$here/object-store/pom.xml" dependency:build-classpath -Dmdep.outputFile="$state/classpath.txt" >&2
  fi
}

start() {
  if running && answers "$(endpoint)"; then echo "object-store: already running on $(endpoint) (pid $(cat "$pidfile"))"; return 0; fi
  stop >/dev/null 2>&1 || true
  mkdir -p "$state"
  classpath
  local java; java=$(java_bin)
  local started=$SECONDS
  for _ in 1 2 3; do
    local port=${OBJECT_STORE_PORT:-$(free_port)}
    local url=http://127.0.0.1:$port
    rm -rf "$state/data"
    mkdir -p "$state/data"
    cat >"$state/s3proxy.conf" <<CONF
s3proxy.endpoint=$url
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$identity
s3proxy.credential=$credential
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$state/data
CONF
    nohup "$java" -Xms64m -Xmx256m -Dlogback.configurationFile="$here/object-store/logback.xml" \
      -cp "$(cat "$state/classpath.txt")" org.gaul.s3proxy.Main --properties "$state/s3proxy.conf" \
      >"$state/s3proxy.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 120); do
      if answers "$url"; then
        echo "$url" >"$state/endpoint"
        echo "object-store: S3Proxy ready on $url in $((SECONDS - started))s (pid $(cat "$pidfile"))"
        return 0
      fi
      running || break
      sleep 0.25
    done
    stop >/dev/null 2>&1 || true
  done
  echo "object-store: failed to start; last lines of $state/s3proxy.log:" >&2
  tail -n 30 "$state/s3proxy.log" >&2 || true
  return 1
}

stop() {
  if running; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    echo "object-store: stopped"
  fi
  rm -f "$pidfile" "$state/endpoint"
  rm -rf "$state/data"
}

status() {
  if running && answers "$(endpoint)"; then echo "object-store: running on $(endpoint) (pid $(cat "$pidfile"))"; else echo "object-store: not running"; return 1; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  endpoint) running && endpoint || { echo "object-store: not running" >&2; exit 1; } ;;
  *) echo "usage: $0 start|stop|status|endpoint" >&2; exit 2 ;;
esac
