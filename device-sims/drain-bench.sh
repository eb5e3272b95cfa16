#!/usr/bin/env bash
# Backlog drain (issue 14): how fast does the ingest-server drain a backlog queued for it at the broker
# while it was down, next to a bare QoS 1 subscriber draining the same backlog in the same run?
#   device-sims/drain-bench.sh [--events N] [--rounds R] [--db h2|postgres|both] [--batch-size N]
#                              [--workers 1,2] [--baseline-jar JAR] [--heap SIZE] [--jfr] [--java-opts "OPTS"]
# e.g. flock /tmp/sharpeyes-build.lock device-sims/drain-bench.sh --events 200000 --rounds 3 --db both
# Everything runs on this machine, on loopback:
# - its own Mosquitto (a temp config: a free port on 127.0.0.1, no persistence, max_queued_messages 0 =
#   unbounded queues, the default in-flight window of 20); the system Mosquitto (1883) is not touched;
# - the persistent sessions the backlog queues for are made first: the server's (its broker.clientId,
#   clean session off, its three filters at QoS 1) and those of two bare consumers;
# - per round and store: `device-sims drain-load` publishes N valid events as the demo city's edges
#   would (QoS 1, EventCodec, each edge's seq 1..n, 10 % hotlisted plates). Each consumer drains its
#   copy, timed: a bare `mosquitto_sub -c -q 1`; bare subscribers on Paho v3 and on Vert.x MQTT (the
#   server's intake client since issue 14; `device-sims drain-sub --client paho|vertx`); then the
#   server (the shaded jar with the JVM options it ships with, deploy/jvm/ingest-server.options, the
#   demo config with the external broker, a fresh H2 directory or a fresh PostgreSQL database), timed until its
#   sharpeyes_ingest_accepted_total reaches N (each event counted after its commit), polling /metrics.
# --workers 1,2 runs the server once per worker count (ingest.workers); --baseline-jar runs an older
# build of the server's shaded jar too (as it shipped: no options file), so that a
# before/after comparison is measured side by side in one run. Every server run gets its own backlog.
# Rounds are interleaved (bare, Paho, H2, bare, Paho, PostgreSQL, …); the summary gives medians over the rounds.
# PostgreSQL: 127.0.0.1:5432, user postgres, trust auth; a throwaway database is created and dropped.
# Take the build lock for the whole run so no build shares the two cores with it (see above).
set -Eeuo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
EVENTS=200000; ROUNDS=1; DB=h2; BATCH=; HEAP=1g; JFR=off; JAVA_OPTS_EXTRA=; WORKERS=; BASE_JAR=
usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --events) EVENTS=${2:?}; shift 2 ;;
    --rounds) ROUNDS=${2:?}; shift 2 ;;
    --db) DB=${2:?}; shift 2 ;;
    --batch-size) BATCH=${2:?}; shift 2 ;;
    --heap) HEAP=${2:?}; shift 2 ;;
    --workers) WORKERS=${2:?}; shift 2 ;;
    --baseline-jar) BASE_JAR=${2:?}; shift 2 ;;
    --jfr) JFR=on; shift ;;
    --java-opts) JAVA_OPTS_EXTRA=${2?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown option '$1'" >&2; usage ;;
  esac
done
[[ $EVENTS =~ ^[1-9][0-9]*$ ]] || { echo "--events must be a positive integer, not '$EVENTS'" >&2; exit 2; }
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "--rounds must be a positive integer, not '$ROUNDS'" >&2; exit 2; }
[[ -z $BATCH || $BATCH =~ ^[1-9][0-9]*$ ]] || { echo "--batch-size must be a positive integer, not '$BATCH'" >&2; exit 2; }
[[ -z $WORKERS || $WORKERS =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "--workers is a list such as 1,2, not '$WORKERS'" >&2; exit 2; }
[[ -z $BASE_JAR || -f $BASE_JAR ]] || { echo "--baseline-jar: no file '$BASE_JAR'" >&2; exit 2; }
[[ $HEAP =~ ^[1-9][0-9]*[mMgG]$ ]] || { echo "--heap is a JVM size such as 512m or 1g, not '$HEAP'" >&2; exit 2; }
case $DB in h2) STORES=(h2) ;; postgres) STORES=(postgres) ;; both) STORES=(h2 postgres) ;;
  *) echo "--db is h2, postgres or both, not '$DB'" >&2; exit 2 ;; esac
for tool in mosquitto mosquitto_sub java curl python3; do
  command -v $tool >/dev/null || { echo "$tool is needed (not on PATH)" >&2; exit 2; }
done
if [ "$DB" != h2 ]; then
  psql -q -h 127.0.0.1 -U postgres -Atc 'select 1' >/dev/null ||
    { echo "no PostgreSQL on 127.0.0.1:5432 for user postgres (trust auth)" >&2; exit 2; }
fi

V=0.1.0-SNAPSHOT
DIR=$(mktemp -d /tmp/sharpeyes-drain.XXXXXX)
TICK=$(getconf CLK_TCK)
PGDB=
pids=()
cleanup() {
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  [ -n "$PGDB" ] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -f "$DIR"/*.jar; rm -rf "$DIR"/data-*
  echo "logs: $DIR"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; } # utime + stime
kib() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$2/status"; }
threads() { # CPU-s of a process by thread name (as the kernel keeps it: 15 characters, numbers dropped)
  for t in /proc/"$1"/task/*; do
    s=$(cat "$t/stat" 2>/dev/null) || continue
    n=${s#*(}; n=${n%)*}; f=(${s##*) })
    printf '%s\t%s\n' "${n%"${n##*[!0-9#]}"}" $(( f[11] + f[12] ))
  done | awk -F'\t' -v k="$TICK" '{ c[$1] += $2 } END { for (n in c) printf "%.1f\t%s\n", c[n] / k, n }' | sort -rn
}

for j in ingest-server device-sims; do
  [ -f "$j/target/$j-$V-all.jar" ] ||
    ./mvnw -B -q -o -DskipTests -Dspotless.check.skip=true package -pl ingest-server,device-sims -am
done
# Run copies, so that a rebuild during the measurement cannot change the jars under the JVMs.
for j in ingest-server device-sims; do cp "$j/target/$j-$V-all.jar" "$DIR/$j.jar"; done
[ -n "$BASE_JAR" ] && cp "$BASE_JAR" "$DIR/baseline.jar"

# --- the broker ---------------------------------------------------------------------------------
MQTT=$(free_port)
cat > "$DIR/mosquitto.conf" <<EOF
# Mosquitto for the drain benchmark only (device-sims/drain-bench.sh)
listener $MQTT 127.0.0.1
allow_anonymous true
persistence false
# Unbounded queues for offline persistent sessions (the default, 1000, would drop the backlog).
max_queued_messages 0
max_queued_bytes 0
# The default window of QoS 1 messages in flight to one client (Mosquitto 2.0.11 stops enforcing it
# once acknowledgements flow: issue 14).
max_inflight_messages 20
# (to stderr: run as root, Mosquitto drops to its own user, who cannot write in this temp dir)
log_dest stderr
log_type error
log_type warning
log_type notice
EOF
mosquitto -c "$DIR/mosquitto.conf" > "$DIR/mosquitto.out" 2>&1 &
pids+=($!); BROKER_PID=$!
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$MQTT") 2>/dev/null && break; sleep 0.1; done
mosquitto_sub -h 127.0.0.1 -p "$MQTT" -t probe -E >/dev/null
echo "mosquitto $(mosquitto -h 2>/dev/null | sed -n 's/^mosquitto version //p') on 127.0.0.1:$MQTT (pid $BROKER_PID)"

# --- the server's config: the demo's, with absolute paths, the external broker and open /metrics ----
CONFIG=$DIR/ingest-server.yaml
sed -E -e "s#^referenceData: .*#referenceData: $ROOT/config/demo-city#" \
  -e "s#^([[:space:]]+seedUsers:[[:space:]]*)demo-city/#\1$ROOT/config/demo-city/#" \
  -e "s/^([[:space:]]+host:[[:space:]]*)0\.0\.0\.0/\1127.0.0.1/" \
  -e 's/^auth:/auth:\n  openMetrics: true              # drain-bench: polled without a token/' \
  config/ingest-server.yaml > "$CONFIG"
[ -n "$BATCH" ] && sed -i -E "s/^([[:space:]]+batchSize:[[:space:]]*)[0-9]+/\1$BATCH/" "$CONFIG"
for want in '^referenceData: /' 'seedUsers: /' '^  openMetrics: true'; do
  grep -q "$want" "$CONFIG" || { echo "config/ingest-server.yaml changed: no '$want' in $CONFIG" >&2; exit 2; }
done
BATCH_USED=$(sed -nE 's/^[[:space:]]+batchSize:[[:space:]]*([0-9]+).*/\1/p' "$CONFIG")
SERVER_ID=$(sed -nE 's/^[[:space:]]+clientId:[[:space:]]*([^[:space:]#]+).*/\1/p' "$CONFIG" | head -1)
BARE_ID=drain-bench-bare
PAHO_ID=drain-bench-paho
VERTX_ID=drain-bench-vertx
# The server runs to compare: the baseline jar with the config as it is, this build once per worker count.
VARIANTS=()
[ -n "$BASE_JAR" ] && VARIANTS+=(base)
if [ -z "$WORKERS" ]; then VARIANTS+=(now); else IFS=, read -ra ws <<< "$WORKERS"; for w in "${ws[@]}"; do VARIANTS+=("w$w"); done; fi
for v in "${VARIANTS[@]}"; do
  jar=$DIR/ingest-server.jar; [ "$v" = base ] && jar=$DIR/baseline.jar
  cp "$CONFIG" "$DIR/config-$v.yaml"
  [[ $v == w* ]] && sed -i -E "s/^([[:space:]]+)(batchSize:.*)$/\1\2\n\1workers: ${v#w}/" "$DIR/config-$v.yaml"
  java -jar "$jar" validate --config "$DIR/config-$v.yaml" --broker-url "tcp://127.0.0.1:$MQTT" \
    > "$DIR/validate-$v.txt" 2>&1 || { cat "$DIR/validate-$v.txt" >&2; exit 2; }
done

# --- the sessions the backlog queues for ------------------------------------------------------------
mosquitto_sub -h 127.0.0.1 -p "$MQTT" -i "$SERVER_ID" -c -q 1 -E \
  -t 'sharpeyes/v1/edge/+/events/+' -t 'sharpeyes/v1/edge/+/snapshots/+' -t 'sharpeyes/v1/edge/+/status'
mosquitto_sub -h 127.0.0.1 -p "$MQTT" -i "$BARE_ID" -c -q 1 -E -t 'sharpeyes/v1/edge/+/events/+'
mosquitto_sub -h 127.0.0.1 -p "$MQTT" -i "$PAHO_ID" -c -q 1 -E -t 'sharpeyes/v1/edge/+/events/+'
mosquitto_sub -h 127.0.0.1 -p "$MQTT" -i "$VERTX_ID" -c -q 1 -E -t 'sharpeyes/v1/edge/+/events/+'

echo "backlog: $EVENTS events; rounds: $ROUNDS; stores: ${STORES[*]}; servers: ${VARIANTS[*]}; ingest.batchSize: $BATCH_USED; server -Xmx$HEAP"
RESULTS=$DIR/results.tsv
printf 'round\tconsumer\tevents_per_s\tcpu_us_per_event\tcpu_s_total\tstart_to_done_s\tvmhwm_mib\tvmrss_mib\textra\n' > "$RESULTS"

publish() { # round
  java -Xmx512m -jar "$DIR/device-sims.jar" drain-load --broker "tcp://127.0.0.1:$MQTT" \
    --events "$EVENTS" --seed "$1" --devices config/demo-city/devices.csv \
    --plates config/demo-city/plates-normal.txt --hotlist config/demo-city/plate-hotlist.csv \
    2>> "$DIR/drain-load.log" | tee -a "$DIR/drain-load.txt" | sed 's/^/  /'
}

bare_drain() { # round
  local t0 t1 times
  t0=$(now)
  times=$( { TIMEFORMAT='%U %S'; time mosquitto_sub -h 127.0.0.1 -p "$MQTT" -i "$BARE_ID" -c -q 1 \
    -t 'sharpeyes/v1/edge/+/events/+' -C "$EVENTS" -W 600 > /dev/null; } 2>&1 )
  t1=$(now)
  awk -v r="$1" -v n="$EVENTS" -v t0="$t0" -v t1="$t1" -v c="$times" 'BEGIN {
    split(c, u, " "); cpu = u[1] + u[2]; s = t1 - t0
    printf "%d\tbare\t%.0f\t%.1f\t%.2f\t%.2f\t\t\tmosquitto_sub user+sys\n", r, n / s, 1e6 * cpu / n, cpu, s }' >> "$RESULTS"
  tail -1 "$RESULTS" | awk -F'\t' '{ printf "  bare mosquitto_sub: %s events/s, %s s, %s µs CPU/event\n", $3, $6, $4 }'
  # It stopped at the N-th message: anything left in its session would be counted in the next round.
  local left
  left=$( { mosquitto_sub -h 127.0.0.1 -p "$MQTT" -i "$BARE_ID" -c -q 1 -t 'sharpeyes/v1/edge/+/events/+' -W 1 2>/dev/null || true; } | wc -l)
  [ "$left" -eq 0 ] || echo "  warning: $left messages were left in the bare session (taken out now)" >&2
}

client_drain() { # round paho|vertx: a bare QoS 1 subscriber on that client library (device-sims drain-sub)
  local out times id=$PAHO_ID
  [ "$2" = vertx ] && id=$VERTX_ID
  times=$( { TIMEFORMAT='%U %S'; time java -Xmx512m -jar "$DIR/device-sims.jar" drain-sub \
    --broker "tcp://127.0.0.1:$MQTT" --client-id "$id" --client "$2" --events "$EVENTS" \
    > "$DIR/drain-sub.out" 2>> "$DIR/drain-sub.log"; } 2>&1 )
  out=$(cat "$DIR/drain-sub.out")
  # "drained N messages in S s, R/s": from its connection request to the last message
  awk -v r="$1" -v k="$2" -v n="$EVENTS" -v c="$times" -v o="$out" 'BEGIN {
    split(c, u, " "); cpu = u[1] + u[2]; split(o, w, " "); s = w[5]
    printf "%d\t%s\t%.0f\t%.1f\t%.2f\t%.2f\t\t\tJVM user+sys incl. start-up\n", r, k, n / s, 1e6 * cpu / n, cpu, s }' >> "$RESULTS"
  tail -1 "$RESULTS" | awk -F'\t' '{ printf "  bare %s subscriber: %s events/s, %s s, %s CPU-s (its JVM, start-up included)\n", $2, $3, $6, $5 }'
}

counted() { # accepted + duplicate + rejected events so far, the rejected and the duplicates, from /metrics
  curl -fs --max-time 5 "http://127.0.0.1:$HTTP/metrics" | awk '
    /^sharpeyes_ingest_(accepted|duplicate|rejected)_total[{ ]/ { done += $NF }
    /^sharpeyes_ingest_rejected_total[{ ]/ { rej += $NF }
    /^sharpeyes_ingest_duplicate_total[{ ]/ { dup += $NF }
    END { printf "%d %d %d\n", done, rej, dup }'
}

server_drain() { # round store variant (base: the baseline jar; now: this build; wN: this build, N workers)
  local r=$1 store=$2 v=$3 jdbc=() opts=() pid t0 t_first= c_first= cpu_first= c=0 rej=0 dup=0 t1 cpu1 hwm rss extra
  local jar=$DIR/ingest-server.jar label=$2
  [ "$v" = base ] && jar=$DIR/baseline.jar
  [ "$v" != now ] && label="$store $v"
  local tag=${label// /-}
  local data=$DIR/data-$tag-$r
  HTTP=$(free_port)
  if [ "$store" = postgres ]; then
    PGDB=sharpeyes_drain_$$_${r}_$v
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $PGDB" >/dev/null
    jdbc=(--jdbc-url "jdbc:postgresql://127.0.0.1:5432/$PGDB?user=postgres&reWriteBatchedInserts=true")
  fi
  [ "$JFR" = on ] && opts+=(-XX:FlightRecorderOptions=stackdepth=256
    "-XX:StartFlightRecording=filename=$DIR/$tag-round$r.jfr,settings=profile")
  # shellcheck disable=SC2206 # --java-opts is split on spaces on purpose
  [ -n "$JAVA_OPTS_EXTRA" ] && opts+=($JAVA_OPTS_EXTRA)
  t0=$(now)
  # The baseline jar runs as it shipped, without the options file (it came with issue 14).
  [ "$v" != base ] && opts=("@$ROOT/deploy/jvm/ingest-server.options" "${opts[@]}")
  java "-Xmx$HEAP" "${opts[@]}" -jar "$jar" run --config "$DIR/config-$v.yaml" --http-port "$HTTP" \
    --data-dir "$data" --broker-url "tcp://127.0.0.1:$MQTT" "${jdbc[@]}" > "$DIR/server-$tag-$r.log" 2>&1 &
  pid=$!; pids+=("$pid")
  while :; do
    kill -0 "$pid" 2>/dev/null || { echo "the server stopped; see $DIR/server-$tag-$r.log" >&2; exit 1; }
    read -r c rej dup < <(counted || echo "0 0 0")
    if [ "$c" -gt 0 ] && [ -z "$t_first" ]; then t_first=$(now); c_first=$c; cpu_first=$(cpu_ticks "$pid"); fi
    [ "$c" -ge "$EVENTS" ] && break
    awk -v t0="$t0" -v t="$(now)" 'BEGIN { exit !(t - t0 > 3600) }' && { echo "not drained after 1 h" >&2; exit 1; }
    sleep 0.25
  done
  t1=$(now); cpu1=$(cpu_ticks "$pid")
  hwm=$(kib VmHWM "$pid"); rss=$(kib VmRSS "$pid")
  threads "$pid" > "$DIR/threads-$tag-$r.txt"
  extra="rejected $rej, duplicates $dup, JIT compilers $(awk -F'\t' '/CompilerThre/ { s += $1 } END { printf "%.1f", s }' "$DIR/threads-$tag-$r.txt") CPU-s"
  if [ "$store" = postgres ]; then
    local backends
    backends=$(psql -h 127.0.0.1 -U postgres -Atc "select pid from pg_stat_activity where datname = '$PGDB'")
    extra+=", PostgreSQL backends $(for b in $backends; do cpu_ticks "$b"; done |
      awk -v k="$TICK" '{ s += $1 } END { printf "%.1f", s / k }') CPU-s"
    extra+=", database $(psql -h 127.0.0.1 -U postgres -Atc "select pg_database_size('$PGDB') / 1048576") MiB"
  else
    extra+=", H2 files $(du -sm "$data" | cut -f1) MiB"
  fi
  awk -v r="$r" -v s="$label" -v n="$EVENTS" -v cf="$c_first" -v tf="$t_first" -v t0="$t0" -v t1="$t1" \
      -v c0="$cpu_first" -v c1="$cpu1" -v k="$TICK" -v hwm="$hwm" -v rss="$rss" -v x="$extra" 'BEGIN {
    printf "%d\t%s\t%.0f\t%.1f\t%.1f\t%.2f\t%.0f\t%.0f\t%s\n", r, s, (n - cf) / (t1 - tf),
      1e6 * (c1 - c0) / k / (n - cf), c1 / k, t1 - t0, hwm / 1024, rss / 1024, x }' >> "$RESULTS"
  tail -1 "$RESULTS" | awk -F'\t' '{ printf "  ingest-server %s: %s events/s, %s µs CPU/event, %s CPU-s in all, %s s from start to the last commit, VmHWM %s MiB; %s\n", $2, $3, $4, $5, $6, $7, $9 }'
  echo "  busiest threads (CPU-s since start): $(head -5 "$DIR/threads-$tag-$r.txt" | awk -F'\t' '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 }')"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  unset 'pids[-1]'
  if [ "$store" = postgres ]; then
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null; PGDB=
  else
    rm -rf "$data"
  fi
}

for ((r=1; r<=ROUNDS; r++)); do
  for store in "${STORES[@]}"; do
    for v in "${VARIANTS[@]}"; do
      echo "round $r/$ROUNDS, $store, server $v:"
      publish "$r"
      bare_drain "$r"
      client_drain "$r" paho
      client_drain "$r" vertx
      server_drain "$r" "$store" "$v"
    done
  done
done

echo
echo "Backlog drain of $EVENTS events, medians of $ROUNDS round(s), $(date -u +%F), $(nproc) cores;"
echo "ingest.batchSize $BATCH_USED, server -Xmx$HEAP; Mosquitto $(mosquitto -h 2>/dev/null | sed -n 's/^mosquitto version //p'), max_inflight_messages 20, max_queued_messages 0"
echo
echo "| consumer | events/s | × bare | × Paho | × Vert.x | CPU µs/event | CPU-s in all | start → last commit | VmHWM / VmRSS (MiB) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -F'\t' -v heap="$HEAP" '
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function name(k,   w) { # "h2", "postgres w2", "h2 base" -> H2, PostgreSQL 2 workers, H2 baseline jar
    split(k, w, " ")
    return (w[1] == "h2" ? "H2" : "PostgreSQL") (w[2] == "base" ? ", baseline jar" : w[2] ~ /^w/ ? ", " substr(w[2], 2) " worker(s)" : "")
  }
  NR == 1 { next }
  $2 == "bare" { bare[$1] = $3 }
  $2 == "paho" { paho[$1] = $3 }
  $2 == "vertx" { vertx[$1] = $3 }
  { k = $2; if (!(k in seen)) { seen[k] = 1; order[++m] = k }
    rate[k] = rate[k] " " $3; cpu[k] = cpu[k] " " $4; tot[k] = tot[k] " " $5; wall[k] = wall[k] " " $6
    if ($2 != "bare") ratio[k] = ratio[k] " " $3 / bare[$1]
    if ($2 != "bare" && $2 != "paho" && $2 != "vertx") {
      rp[k] = rp[k] " " $3 / paho[$1]; rv[k] = rv[k] " " $3 / vertx[$1]; hwm[k] = hwm[k] " " $7; rss[k] = rss[k] " " $8 } }
  END {
    for (i = 1; i <= m; i++) { k = order[i]
      if (k == "bare") printf "| bare `mosquitto_sub -c -q 1` (nothing stored) | %.0f | 1 | — | — | %.1f (its own) | %.1f | %.1f s | — |\n", median(rate[k]), median(cpu[k]), median(tot[k]), median(wall[k])
      else if (k == "paho") printf "| bare Paho v3 subscriber, QoS 1 (nothing stored) | %.0f | %.3f | 1 | — | %.0f (its JVM, start-up incl.) | %.1f | %.1f s | — |\n", median(rate[k]), median(ratio[k]), median(cpu[k]), median(tot[k]), median(wall[k])
      else if (k == "vertx") printf "| bare Vert.x MQTT subscriber, QoS 1 (nothing stored) | %.0f | %.3f | — | 1 | %.0f (its JVM, start-up incl.) | %.1f | %.1f s | — |\n", median(rate[k]), median(ratio[k]), median(cpu[k]), median(tot[k]), median(wall[k])
      else printf "| ingest-server, %s (-Xmx%s) | %.0f | %.3f | %.3f | %.3f | %.0f | %.1f | %.1f s | %.0f / %.0f |\n", name(k), heap, median(rate[k]), median(ratio[k]), median(rp[k]), median(rv[k]), median(cpu[k]), median(tot[k]), median(wall[k]), median(hwm[k]), median(rss[k])
    } }' "$RESULTS"
echo
echo "per round: $RESULTS"
column -t -s$'\t' "$RESULTS" | sed 's/^/  /'
