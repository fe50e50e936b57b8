#!/usr/bin/env bash
# Tandem's benchmark, in one command (see bench/README.md):
#
#   bench/run.sh [--scale] [--profile] [--duration SECONDS]
#
# Builds a fresh PostgreSQL database on 127.0.0.1:5432, migrates it, generates the data set,
# serves the portal and a bare Flask hello-world the same way (gunicorn, 2 workers,
# deploy/gunicorn.conf.py), measures each page beside the hello-world with wrk, and writes
# raw numbers to bench/results/<date>/ and the ratios into bench/README.md. Everything it
# starts it stops, and the database is dropped, whatever happens. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${VENV:-$ROOT/.venv}/bin

DURATION=10   # seconds of measurement per URL (and as much for the hello-world beside it)
WARMUP=2      # seconds of warm-up per URL
SCALE=0
PROFILE=0
OFFERS=10000 EVENTS=300 CANDIDATES=2000
SCALE_OFFERS=100000 SCALE_CANDIDATES=20000
THREADS=2 CONNECTIONS=16 WORKERS=2
while [ $# -gt 0 ]; do
  case $1 in
    --scale) SCALE=1 ;;
    --profile) PROFILE=1 ;;
    --duration) DURATION=$2; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
export PGHOST PGPORT PGUSER
psql() { PGOPTIONS='-c client_min_messages=warning' command psql -X "$@"; }
APP_PORT=${BENCH_APP_PORT:-8701}
HELLO_PORT=${BENCH_HELLO_PORT:-8702}
APP=http://127.0.0.1:$APP_PORT
HELLO=http://127.0.0.1:$HELLO_PORT/
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/$STAMP
mkdir -p "$OUT"
DB=""
PIDFILES=()

for tool in /usr/bin/wrk psql curl "$BIN/gunicorn" "$BIN/flask"; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
pg_isready -q || { echo "PostgreSQL is not answering on $PGHOST:$PGPORT" >&2; exit 1; }
for port in $APP_PORT $HELLO_PORT; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then
    echo "port $port is already in use (set BENCH_APP_PORT / BENCH_HELLO_PORT)" >&2; exit 1
  fi
done

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log"; }

stop_server() {  # stop_server PIDFILE: TERM the gunicorn master, wait at most 20 s, then KILL
  local pidfile=$1 pid i
  [ -s "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

drop_database() {
  [ -n "$DB" ] || return 0
  psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  DB=""
}

cleanup() {
  local f
  for f in "${PIDFILES[@]}"; do stop_server "$f"; done
  drop_database
}
trap cleanup EXIT
trap 'exit 130' INT TERM

new_database() {  # new_database NAME: create, migrate; exports DATABASE_URL
  DB=$1
  psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null
  psql -q -d postgres -c "CREATE DATABASE \"$DB\"" >/dev/null
  export DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$DB"
  log "database $DB: migrating"
  # Until the migrations are re-chained there may be two heads: fall back to "heads".
  if ! timeout 300 "$BIN/flask" --app wsgi db upgrade >>"$OUT/migrate.log" 2>&1; then
    log "db upgrade (head) failed, trying heads"
    timeout 300 "$BIN/flask" --app wsgi db upgrade heads >>"$OUT/migrate.log" 2>&1
  fi
}

generate() {  # generate LABEL OFFERS [CANDIDATES]: the demo data set plus synthetic volume, timed
  local label=$1 offers=$2 candidates=${3:-$CANDIDATES} start end
  log "generating: --offers $offers --events $EVENTS --candidates $candidates"
  start=$(date +%s%N)
  timeout 900 "$BIN/flask" --app wsgi demo --offers "$offers" --events "$EVENTS" --candidates "$candidates" \
    >"$OUT/demo-$label.log" 2>&1 || { log "generator failed (see demo-$label.log)"; tail -5 "$OUT/demo-$label.log"; return 1; }
  end=$(date +%s%N)
  printf 'generator_%s\t%d.%01d\n' "$label" $(((end - start) / 1000000000)) $(((end - start) / 100000000 % 10)) \
    >>"$OUT/timings.tsv"
  log "generated in $(((end - start) / 1000000)) ms; VACUUM ANALYZE"
  # Fresh bulk inserts have no planner statistics yet (autovacuum would gather them within a
  # minute in production); without them PostgreSQL picks plans no live database would use.
  psql -q -d "$DB" -c "VACUUM ANALYZE" >/dev/null
}

start_server() {  # start_server NAME PORT DIR MODULE: gunicorn with deploy/gunicorn.conf.py
  local name=$1 port=$2 dir=$3 module=$4 i
  local pidfile=$OUT/$name.pid
  PIDFILES+=("$pidfile")
  (cd "$dir" && WEB_CONCURRENCY=$WORKERS GUNICORN_BIND=127.0.0.1:$port GUNICORN_ACCESSLOG="" \
     GUNICORN_ERRORLOG="$OUT/$name.log" GUNICORN_LOGLEVEL=warning GUNICORN_MAX_REQUESTS=0 \
     exec "$BIN/gunicorn" -c "$ROOT/deploy/gunicorn.conf.py" --pid "$pidfile" "$module") &
  for i in $(seq 1 150); do  # at most 30 s
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" && [ -s "$pidfile" ] && return 0
    sleep 0.2
  done
  log "$name did not start on port $port (see $OUT/$name.log)"; return 1
}

wrk_run() {  # wrk_run OUTFILE SECONDS URL [HEADER]
  local file=$1 seconds=$2 url=$3 header=${4:-}
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s --latency)
  [ -n "$header" ] && args+=(-H "$header")
  timeout $((seconds + 20)) /usr/bin/wrk "${args[@]}" "$url" >"$file" 2>&1 || true
}

cpu_ticks() {  # cpu_ticks NAME: CPU clock ticks used so far by the server's workers (+ their PostgreSQL backends)
  local master pid pids=()
  master=$(cat "$OUT/$1.pid")
  pids=($(pgrep -P "$master"))
  if [ "$1" = app ]; then
    pids+=($(psql -tA -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()"))
  fi
  for pid in "${pids[@]}"; do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true; done | awk '{s += $1} END {print s + 0}'
}

measure() {  # measure NAME PATH EXPECTED_STATUS [HEADER]: the page, then the hello-world beside it
  local name=$1 path=$2 expected=$3 header=${4:-} status
  local curl_args=(-s -o /dev/null -w '%{http_code}' --max-time 10)
  [ -n "$header" ] && curl_args+=(-H "$header")
  status=$(curl "${curl_args[@]}" "$APP$path") || status=000
  if [ "$status" != "$expected" ]; then
    log "NOT MEASURED $name ($path): HTTP $status, expected $expected"
    printf '%s\t%s\tHTTP %s (expected %s)\n' "$name" "$path" "$status" "$expected" >>"$OUT/skipped.tsv"
    return 0
  fi
  log "measuring $name: $path"
  wrk_run /dev/null "$WARMUP" "$APP$path" "$header"
  wrk_run /dev/null "$WARMUP" "$HELLO"
  local a b c d
  a=$(cpu_ticks app)
  wrk_run "$OUT/$name.page.txt" "$DURATION" "$APP$path" "$header"
  b=$(cpu_ticks app)
  c=$(cpu_ticks hello)
  wrk_run "$OUT/$name.hello.txt" "$DURATION" "$HELLO"
  d=$(cpu_ticks hello)
  # server-side CPU of each run, in clock ticks: insensitive to other processes on the machine
  printf 'page_ticks=%s\nhello_ticks=%s\nclk_tck=%s\n' $((b - a)) $((d - c)) "$(getconf CLK_TCK)" >"$OUT/$name.cpu"
  printf '%s\t%s\t%s\n' "$name" "$path" "$header" >>"$OUT/measured.tsv"
}

worker_memory() {  # worker_memory LABEL: peak (VmHWM) and current RSS of each portal worker
  local label=$1 master pid
  master=$(cat "$OUT/app.pid")
  for pid in $(pgrep -P "$master"); do
    printf '%s\t%s\t%s\t%s\n' "$label" "$pid" \
      "$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")" "$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")" \
      >>"$OUT/memory.tsv"
  done
}

# shellcheck source=bench/signed_in.sh
. "$ROOT/bench/signed_in.sh"

search_path() {  # a real search: a word of the synthetic titles in one commune
  echo "/offers?q=keukenhulp&commune=anderlecht"
}

list_pages() {  # list_pages PREFIX
  local prefix=$1
  measure "${prefix}offers" "/offers" 200
  measure "${prefix}search" "$(search_path)" 200
  measure "${prefix}api_offers" "/api/v1/offers" 200
}

profile_pages() {  # in-process pyinstrument profile and query count of each measured page
  [ "$PROFILE" = 1 ] || return 0
  if ! "$BIN/python" -c "import pyinstrument" 2>/dev/null; then
    log "pyinstrument missing: $BIN/pip install -r bench/requirements.txt"; return 0
  fi
  local name path header extra
  while IFS=$'\t' read -r name path header; do
    log "profiling $name"
    extra=()
    [ -n "$header" ] && extra=(--header "$header")
    timeout 300 "$BIN/python" bench/profile.py --requests 50 "${extra[@]}" "$path" >"$OUT/profile-$name.txt" 2>&1 || true
  done <"$OUT/measured.tsv"
}

export PORTAL_ENV=production
export SECRET_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export PORTAL_BASE_URL=$APP RATELIMIT_STORAGE_URI=memory://
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v n="$(nproc)" '{exit !($1 > n)}' /proc/loadavg; then
  log "WARNING: load average $LOAD_BEFORE on $(nproc) CPUs: other processes compete, figures will be low"
fi
log "bench: $OFFERS offers, $EVENTS events, $CANDIDATES candidates; $WORKERS workers, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"

new_database "tandem_bench_$$"
generate "$OFFERS" "$OFFERS"
start_server hello "$HELLO_PORT" "$ROOT/bench" hello:app
start_server app "$APP_PORT" "$ROOT" wsgi:app

list_pages ""
measure events "/events" 200
EVENT_ID=$(psql -tA -d "$DB" -c "SELECT id FROM events WHERE status = 'published' AND starts_at > now() ORDER BY starts_at LIMIT 1" 2>/dev/null || true)
if [ -n "$EVENT_ID" ]; then
  measure event_page "/events/$EVENT_ID" 200
else
  printf 'event_page\t/events/<id>\tno published upcoming event found\n' >>"$OUT/skipped.tsv"
fi
ETAG=$(curl -s -D - -o /dev/null --max-time 10 "$APP/calendar/events.ics" | tr -d '\r' | awk 'tolower($1) == "etag:" {sub(/^[^:]*: */, ""); print}')
if [ -n "$ETAG" ]; then
  measure feed_304 "/calendar/events.ics" 304 "If-None-Match: $ETAG"
else
  log "NOT MEASURED feed_304: /calendar/events.ics sent no ETag"
  printf 'feed_304\t/calendar/events.ics\tno ETag on the feed\n' >>"$OUT/skipped.tsv"
fi
signed_in_pages
full_calendars "$EVENT_ID"
worker_memory "$OFFERS"
profile_pages

if [ "$SCALE" = 1 ]; then
  stop_server "$OUT/app.pid"
  drop_database
  new_database "tandem_bench_scale_$$"
  generate "$SCALE_OFFERS" "$SCALE_OFFERS" "$SCALE_CANDIDATES"
  start_server app "$APP_PORT" "$ROOT" wsgi:app
  list_pages "scale_"
  signed_in_scale_pages
  worker_memory "$SCALE_OFFERS"
fi

{
  echo "date=$(date -u +'%Y-%m-%d %H:%M UTC')"
  echo "nproc=$(nproc)"
  echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "postgresql=$(psql -tA -d postgres -c 'SHOW server_version' | cut -d' ' -f1)"
  echo "python=$("$BIN/python" -c 'import platform; print(platform.python_version())')"
  echo "gunicorn=$("$BIN/gunicorn" --version | awk '{print $NF}' | tr -d ')')"
  echo "wrk=-t$THREADS -c$CONNECTIONS -d${DURATION}s, $WORKERS sync workers"
  echo "load=$LOAD_BEFORE before, $(cut -d' ' -f1-3 /proc/loadavg) after"
  echo "git=$(git rev-parse --short HEAD 2>/dev/null || echo none)$(git diff --quiet 2>/dev/null || echo '+dirty')"
} >"$OUT/machine.txt"
"$BIN/python" bench/report.py "$OUT" --readme bench/README.md
log "raw results in $OUT; table in bench/README.md"
