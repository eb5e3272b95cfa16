#!/usr/bin/env bash
# The demo: ingest-server (embedded Artemis broker + H2) + one edge-agent + a simulated plate reader.
# Builds the jars if they are missing, starts the three processes, prints where the API and the live
# feed answer, and stops everything on Ctrl-C. Ports can be changed with the variables below.
set -Eeuo pipefail
cd "$(dirname "$0")"

HTTP_PORT=${SHARPEYES_DEMO_HTTP_PORT:-8080}      # ingest-server API, live feed
MQTT_PORT=11883                                  # embedded broker, from config/ingest-server.yaml
STATUS_PORT=${SHARPEYES_DEMO_STATUS_PORT:-9180}  # edge-agent /healthz /metrics /status
PLATE_PORT=${SHARPEYES_DEMO_PLATE_PORT:-8081}    # the plate reader pushes here
RATE=${SHARPEYES_DEMO_RATE:-5}                   # plate reads per second
DEVICE=43070200001140000001                      # 火车站卡口 in config/demo-city/devices.csv
VERSION=0.1.0-SNAPSHOT
DEMO_DIR=.demo
JAVA_OPTS=${JAVA_OPTS:-"-Xmx512m"}

say() { printf '\033[1m[demo]\033[0m %s\n' "$*"; }
die() { printf '[demo] %s\n' "$*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

command -v java >/dev/null || die "Java 17 or newer is needed (apt-get install openjdk-17-jdk-headless)"
for p in "$HTTP_PORT" "$MQTT_PORT" "$STATUS_PORT" "$PLATE_PORT"; do
  port_open "$p" && die "port $p is in use; set SHARPEYES_DEMO_*_PORT (see the top of $0)"
done

jars=(ingest-server/target/ingest-server-$VERSION-all.jar
      edge-agent/target/edge-agent-$VERSION-all.jar
      device-sims/target/device-sims-$VERSION-all.jar)
stale=0
for j in "${jars[@]}"; do
  # missing, or older than any source or pom (after a git pull, say)
  if [ ! -f "$j" ] || [ -n "$(find . -path ./.demo -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$j" -print -quit)" ]; then stale=1; fi
done
if [ "$stale" = 1 ]; then
  say "building the jars (about two minutes the first time)…"
  ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
fi

rm -rf "$DEMO_DIR"; mkdir -p "$DEMO_DIR/logs"
pids=()
stop_all() {
  trap - INT TERM EXIT
  say "stopping…"
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  say "stopped. Logs are in $DEMO_DIR/logs/"
}
trap stop_all INT TERM EXIT
wait_http() { # wait_http URL NAME LOG
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.5
  done
  tail -n 30 "$3" >&2; die "$2 did not come up (log above)"
}

say "starting ingest-server (embedded broker on :$MQTT_PORT, H2 in $DEMO_DIR/data)"
java $JAVA_OPTS -jar "${jars[0]}" run --config config/ingest-server.yaml \
  --http-port "$HTTP_PORT" --data-dir "$DEMO_DIR/data" \
  > "$DEMO_DIR/logs/ingest-server.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$HTTP_PORT/healthz" ingest-server "$DEMO_DIR/logs/ingest-server.log"

say "starting edge-agent edge-wuling-01 (plate reader push on :$PLATE_PORT, status on :$STATUS_PORT)"
java $JAVA_OPTS -jar "${jars[1]}" run --config config/edge-agent.yaml \
  --broker-url "tcp://127.0.0.1:$MQTT_PORT" --status-port "$STATUS_PORT" --outbox-path "$DEMO_DIR/edge-outbox.db" \
  > "$DEMO_DIR/logs/edge-agent.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$STATUS_PORT/healthz" edge-agent "$DEMO_DIR/logs/edge-agent.log"

say "starting the simulated plate reader ($RATE reads/s, 20% of them hotlisted or key persons' plates)"
java $JAVA_OPTS -jar "${jars[2]}" plate --target "http://127.0.0.1:$PLATE_PORT/plates" \
  --device-id "$DEVICE" --rate "$RATE" --count 0 --seed 7 --hot-share 0.2 --raw-styles --snapshot \
  --plates config/demo-city/plates-normal.txt --hotlist config/demo-city/plate-hotlist.csv \
  --key-persons config/demo-city/key-persons.csv \
  > "$DEMO_DIR/logs/device-sims.log" 2>&1 &
pids+=($!)

cat <<MSG

  Sharp Eyes demo is running.
    dashboard           http://localhost:$HTTP_PORT/   (live feed, alert detail, grid map)
    live alert feed     curl -N http://localhost:$HTTP_PORT/api/alerts/stream
    one county only     curl -N 'http://localhost:$HTTP_PORT/api/alerts/stream?region=430702'
    alerts so far       curl -s http://localhost:$HTTP_PORT/api/alerts
    events              curl -s 'http://localhost:$HTTP_PORT/api/events?limit=5'
    dead letters        curl -s http://localhost:$HTTP_PORT/api/dead-letters
    edge status         curl -s http://localhost:$STATUS_PORT/status
    metrics             curl -s http://localhost:$HTTP_PORT/metrics | grep sharpeyes_
    MQTT                mosquitto_sub -p $MQTT_PORT -t 'sharpeyes/v1/#' -v
  Logs: $DEMO_DIR/logs/   Ctrl-C stops everything.

MSG
say "live alert feed (hotlisted plates appear here within seconds):"
curl -sN "http://127.0.0.1:$HTTP_PORT/api/alerts/stream" &
pids+=($!)
wait "${pids[2]}"
