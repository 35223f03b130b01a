#!/usr/bin/env bash
# A real search engine for the tests: single-node OpenSearch with the nori Korean analyzer, on
# 127.0.0.1, fetched from Maven Central (cached in ~/.m2), data in a temporary directory, heap ≤ 1 GiB.
#   scripts/search-engine.sh start | stop | status
# Environment: SEARCH_ENGINE_PORT (9200), SEARCH_ENGINE_STATE (/tmp/dongne-search-engine-$PORT),
#              SEARCH_ENGINE_JAVA_HOME (a JDK ≥ 21; found under /usr/lib/jvm otherwise).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${SEARCH_ENGINE_PORT:-9200}
state=${SEARCH_ENGINE_STATE:-/tmp/dongne-search-engine-$port}
pidfile=$state/engine.pid
url=http://127.0.0.1:$port

java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }

find_java() {
  # OpenSearch publishes analysis-nori only from 3.8.0, which needs Java 21 or newer.
  local candidates=("${SEARCH_ENGINE_JAVA_HOME:-}" "${JAVA_HOME:-}")
  for d in /usr/lib/jvm/*; do candidates+=("$d"); done
  for c in "${candidates[@]}"; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    local major; major=$(java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$c"; return 0; fi
  done
  echo "search-engine: no JDK 21 or newer found (set SEARCH_ENGINE_JAVA_HOME)" >&2
  return 1
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

build() {
  local jdk=$1
  mkdir -p "$state/classes"
  if [ ! -s "$state/classpath.txt" ] || [ "$here/search-engine/pom.xml" -nt "$state/classpath.txt" ]; then
    mvn -q -B -Dstyle.color=never -f "$here/search-engine/pom.xml" dependency:build-classpath -Dmdep.outputFile="$state/classpath.txt" >&2
  fi
  local src=$here/search-engine/src/dongne/EmbeddedSearchEngine.java
  if [ ! -f "$state/classes/dongne/EmbeddedSearchEngine.class" ] || [ "$src" -nt "$state/classes/dongne/EmbeddedSearchEngine.class" ]; then
    "$jdk/bin/javac" -nowarn -cp "$(cat "$state/classpath.txt")" -d "$state/classes" "$src"
  fi
}

start() {
  if running; then echo "search-engine: already running on $url (pid $(cat "$pidfile"))"; return 0; fi
  if curl -fsS "$url" >/dev/null 2>&1; then echo "search-engine: something already answers on $url"; return 0; fi
  local jdk; jdk=$(find_java)
  mkdir -p "$state"
  build "$jdk"
  rm -rf "$state/home"
  mkdir -p "$state/home"
  local started=$SECONDS
  nohup "$jdk/bin/java" -Xms256m -Xmx1g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED \
    -Dlog4j2.level=WARN -Dopensearch.set.netty.runtime.available.processors=false \
    -cp "$state/classes:$(cat "$state/classpath.txt")" dongne.EmbeddedSearchEngine "$state/home" "$port" \
    >"$state/engine.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 180); do
    if curl -fsS "$url/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      echo "search-engine: OpenSearch ready on $url in $((SECONDS - started))s (pid $(cat "$pidfile"), Java $(java_major "$jdk"))"
      return 0
    fi
    if ! running; then break; fi
    sleep 0.5
  done
  echo "search-engine: failed to start; last lines of $state/engine.log:" >&2
  tail -n 30 "$state/engine.log" >&2 || true
  stop >/dev/null 2>&1 || true
  return 1
}

stop() {
  if running; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    echo "search-engine: stopped"
  fi
  rm -f "$pidfile"
  rm -rf "$state/home"
}

status() {
  if running && curl -fsS "$url" >/dev/null 2>&1; then echo "search-engine: running on $url (pid $(cat "$pidfile"))"; else echo "search-engine: not running"; return 1; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
