#!/usr/bin/env bash
# Measures the demo pipeline (ingest-server + embedded Artemis + one edge-agent) under plate-read load,
# on H2 or PostgreSQL, with `device-sims load`. Everything runs on this machine, on loopback.
#   device-sims/load-pipeline.sh h2|postgres [RATES] [DURATION]
# e.g. device-sims/load-pipeline.sh h2 250,500,1000 60s
# PostgreSQL: a throwaway database on 127.0.0.1:5432 (user postgres, trust auth) is created and dropped.
# SHARPEYES_LOAD_BROKER_SECURITY=off runs the server with the embedded broker's security off (edge
# logins and topic checks; broker.embedded.security), to measure what they cost: the server then reads
# a copy of config/ingest-server.yaml with `security: false`, written next to it as config/.load-PID.yaml
# (so that its relative paths resolve) and removed at the end. Default: on (the file as it is).
set -Eeuo pipefail
cd "$(dirname "$0")/.."
STORE=${1:?usage: $0 h2|postgres [RATES] [DURATION]}
RATES=${2:-250,500,1000}
DURATION=${3:-60s}
V=0.1.0-SNAPSHOT
HTTP=18080; STATUS=19180; PLATE=18081
DIR=$(mktemp -d /tmp/sharpeyes-load.XXXXXX)
DB=sharpeyes_load_$$
CONFIG=config/ingest-server.yaml
BROKER_SECURITY=${SHARPEYES_LOAD_BROKER_SECURITY:-on}
pids=()
cleanup() {
  [ "$CONFIG" != config/ingest-server.yaml ] && rm -f "$CONFIG" || true
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  [ "$STORE" = postgres ] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -f "$DIR"/*.jar
  echo "logs: $DIR"
}
trap cleanup EXIT
case $BROKER_SECURITY in
  on) ;;
  off)
    CONFIG=config/.load-$$.yaml
    sed -E 's/^([[:space:]]+security:[[:space:]]*)true\b/\1false/' config/ingest-server.yaml > "$CONFIG"
    grep -Eq '^[[:space:]]+security:[[:space:]]*false\b' "$CONFIG" ||
      { echo "no 'security: true' in config/ingest-server.yaml to turn off" >&2; exit 2; } ;;
  *) echo "SHARPEYES_LOAD_BROKER_SECURITY is on or off, not '$BROKER_SECURITY'" >&2; exit 2 ;;
esac
echo "embedded broker security: $BROKER_SECURITY ($CONFIG)"
for j in ingest-server edge-agent device-sims; do
  [ -f "$j/target/$j-$V-all.jar" ] || ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
done
# Run copies, so that a rebuild during the measurement cannot change the jars under the JVMs.
for j in ingest-server edge-agent device-sims; do cp "$j/target/$j-$V-all.jar" "$DIR/$j.jar"; done
jdbc=()
if [ "$STORE" = postgres ]; then
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $DB" >/dev/null
  jdbc=(--jdbc-url "jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres&reWriteBatchedInserts=true")
fi
wait_http() { for _ in $(seq 1 120); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done; echo "$1 never answered" >&2; exit 1; }

# The embedded broker refuses anonymous clients: the edge logs in with an account of its own.
java -jar "$DIR/ingest-server.jar" edges add edge-wuling-01 --config "$CONFIG" \
  --data-dir "$DIR/data" "${jdbc[@]}" > "$DIR/edge-account.txt"
export SHARPEYES_MQTT_USERNAME=edge-wuling-01
SHARPEYES_MQTT_PASSWORD=$(sed -n 's/^password: //p' "$DIR/edge-account.txt")
export SHARPEYES_MQTT_PASSWORD
# The server seeds the demo users (config/demo-city/users.yaml): the feed and /metrics are read as
# the city supervisor.
export SHARPEYES_PASSWORD=demo-super-2026
java -Xmx1g @deploy/jvm/ingest-server.options -jar "$DIR/ingest-server.jar" run --config "$CONFIG" \
  --http-port $HTTP --data-dir "$DIR/data" "${jdbc[@]}" > "$DIR/ingest-server.log" 2>&1 &
pids+=($!)
wait_http http://127.0.0.1:$HTTP/healthz
login() { # an access token of the city supervisor (they live 15 minutes: one per scrape)
  curl -fsS -H 'Content-Type: application/json' \
    -d "{\"username\":\"luo.supervisor\",\"password\":\"$SHARPEYES_PASSWORD\"}" \
    http://127.0.0.1:$HTTP/api/auth/login | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}
java -Xmx512m -jar "$DIR/edge-agent.jar" run --config config/edge-agent-plates-only.yaml \
  --status-port $STATUS --device-port 43070200001320000101=$PLATE --outbox-path "$DIR/edge-outbox.db" > "$DIR/edge-agent.log" 2>&1 &
pids+=($!)
wait_http http://127.0.0.1:$STATUS/healthz

LOAD=(java -Xmx512m -jar "$DIR/device-sims.jar" load
  --target http://127.0.0.1:$PLATE/plates --device-id 43070200001320000101
  --stream http://127.0.0.1:$HTTP/api/alerts/stream --stream-user luo.supervisor --hot-share 0.5 --seed 1 --max-in-flight 64
  --plates config/demo-city/plates-normal.txt --hotlist config/demo-city/plate-hotlist.csv
  --key-persons config/demo-city/key-persons.csv)
scrape() { # the latency meters of both processes, as "name{labels} value" lines
  { curl -s -H "Authorization: Bearer $(login)" http://127.0.0.1:$HTTP/metrics; curl -s http://127.0.0.1:$STATUS/metrics; } |
    grep -E '^sharpeyes_(ingest_latency_seconds|alert_latency_seconds|edge_publish_latency_seconds|ingest_batch_size)_(sum|count)' |
    sed -E 's/,?edge="[^"]*"//; s/\{\}//'
}
echo "warming up (JIT) at 500/s for 20 s…"
"${LOAD[@]}" --rate 500 --duration 20s > "$DIR/warmup.txt" 2> "$DIR/device-sims-warmup.log" || true
scrape > "$DIR/before.txt"
"${LOAD[@]}" --step --rates "$RATES" --duration "$DURATION" --json "$DIR/load-$STORE.json" 2> "$DIR/device-sims.log"
scrape > "$DIR/after.txt"
echo
echo "where the time goes (means over the measured steps, from the meters' sums and counts):"
awk 'NR==FNR { b[$1]=$2; next } { d[$1]=$2-b[$1] }
     END { for (k in d) if (k ~ /_sum/) { c=k; sub(/_sum/, "_count", c);
             if (d[c] > 0) { u = (k ~ /batch_size/) ? "" : " ms"; m = (k ~ /batch_size/) ? d[k]/d[c] : 1000*d[k]/d[c];
                             n=k; sub(/_sum/, "", n); printf "  %-70s %8.2f%s (n=%d)\n", n, m, u, d[c] } } }' \
  "$DIR/before.txt" "$DIR/after.txt" | sort
