#!/usr/bin/env bash
# Login latency (issue 11): N sequential `POST /api/auth/login` with curl against the real ingest-server
# (its -all jar from ingest-server/target, config/ingest-server.yaml, H2 in a temporary data directory,
# the demo users of config/demo-city/users.yaml seeded), each on a new connection as a browser's login
# would be, after WARMUP logins that are not counted. Prints p50/p90/p99/max of curl's time_total
# (connect, request, Argon2id check, session and audit rows committed, answer).
#   device-sims/login-latency.sh [N] [WARMUP]      (defaults 200 and 20)
# Uses the embedded broker's port of the config (11883): not at the same time as load-pipeline.sh.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
WARMUP=${2:-20}
V=0.1.0-SNAPSHOT
HTTP=18090
DIR=$(mktemp -d /tmp/sharpeyes-login.XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  rm -f "$DIR"/*.jar
  echo "logs: $DIR"
}
trap cleanup EXIT
jar=ingest-server/target/ingest-server-$V-all.jar
[ -f "$jar" ] || { echo "$jar is missing: ./mvnw -B -q -DskipTests package" >&2; exit 2; }
cp "$jar" "$DIR/ingest-server.jar" # a rebuild during the measurement cannot change it
java -Xmx1g -jar "$DIR/ingest-server.jar" run --config config/ingest-server.yaml \
  --http-port $HTTP --data-dir "$DIR/data" > "$DIR/ingest-server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fs -o /dev/null http://127.0.0.1:$HTTP/healthz && break; sleep 0.5; done
curl -fs -o /dev/null http://127.0.0.1:$HTTP/healthz || { echo "the server never answered" >&2; exit 1; }

body='{"username":"luo.supervisor","password":"demo-super-2026"}' # a demo account (public password)
login() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
    -d "$body" http://127.0.0.1:$HTTP/api/auth/login
}
for _ in $(seq 1 "$WARMUP"); do login > /dev/null; done
for _ in $(seq 1 "$N"); do login; done > "$DIR/logins.txt"
if awk '$1 != 200 { bad++ } END { exit bad > 0 ? 0 : 1 }' "$DIR/logins.txt"; then
  echo "some logins were not answered 200:" >&2; sort "$DIR/logins.txt" | awk '{print $1}' | uniq -c >&2; exit 1
fi
echo "$N sequential logins (after $WARMUP not counted), Argon2id m=19456 KiB t=2 p=1; load average $(cut -d' ' -f1-3 /proc/loadavg)"
awk '{ print $2 * 1000 }' "$DIR/logins.txt" | sort -n |
  awk '{ v[NR] = $1; s += $1 }
       function at(q) { r = int(q * NR); if (r < q * NR) r++; return v[r < 1 ? 1 : r] }
       END { printf "login ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  mean %.1f  (n=%d)\n",
                    at(0.50), at(0.90), at(0.99), v[NR], s / NR, NR }'
