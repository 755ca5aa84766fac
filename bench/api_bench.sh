#!/usr/bin/env bash
# API load benchmark with wrk (Debian): the candidate read (GET /api/people/{id},
# logged in, with graph profile, papers, neighbourhood, warm paths, history and
# notes) at 64 connections, against SQLite and PostgreSQL; then a mixed
# read/write run that checks no acknowledged write is lost.
#   bench/api_bench.sh BUILD_DIR
# Env: ST_API_BENCH_SECONDS (default 30), ST_API_BENCH_CONNECTIONS (64),
#      ST_API_SOAK_SECONDS (default 0: none; 600 = the 10-minute memory soak after the mixed run),
#      ST_PG_URL (use this server; otherwise a throw-away cluster is started
#      when PostgreSQL is installed), ST_BENCH_DIR (scratch dir, kept).
# Goal (issue 3): >= 10,000 req/s on 2 cores, p99 < 10 ms, zero errors.
# Output: human lines plus one JSON line per run (bench "api_read"/"api_mixed").
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: bench/api_bench.sh BUILD_DIR" >&2; exit 2; }
BUILD=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
ST=$BUILD/superteam
SECONDS_RUN=${ST_API_BENCH_SECONDS:-30}
CONNS=${ST_API_BENCH_CONNECTIONS:-64}
SOAK=${ST_API_SOAK_SECONDS:-0}
if [ -n "${ST_BENCH_DIR:-}" ]; then WORK=$ST_BENCH_DIR/api; mkdir -p "$WORK"; else WORK=$(mktemp -d /tmp/superteam-apibench.XXXXXX); fi
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
SERVER_PID=""; PG_STOP=()
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  ((${#PG_STOP[@]})) && "${PG_STOP[@]}" >/dev/null 2>&1 || true
  [ -z "${ST_BENCH_DIR:-}" ] && rm -rf "$WORK" || true
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

log "demo graph for the API benchmark in $WORK"
"$ST" gen-corpus --out "$WORK/corpus" --authors 5000 >/dev/null
"$ST" ingest "$WORK/corpus" --graph "$WORK/graph" >/dev/null

start_pg() {
  local bindir; bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bindir" ] || return 1
  local dir=$WORK/pg port; port=$(free_port)
  mkdir -p "$dir"; chmod 755 "$WORK"
  local run=(); [ "$(id -u)" -eq 0 ] && { chown postgres "$dir"; run=(runuser -u postgres --); }
  "${run[@]}" "$bindir/initdb" -D "$dir/data" -U superteam --auth=trust -E UTF8 >/dev/null
  "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200" start >/dev/null
  "${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U superteam superteam_bench
  PG_STOP=("${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop)
  PG_URL="postgresql://superteam@127.0.0.1:$port/superteam_bench"
}

rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$SERVER_PID/status"; }

# soak NAME PORT COOKIE CSRF PERSON: the mixed load for $SOAK seconds; the server's RSS after the first
# minute (caches and pools filled) against the end (RELIABILITY.md 18: growth < 10 %).
soak() {
  local name=$1 port=$2 first last peak=0 t=0 rss
  log "$name: soak, mixed load for ${SOAK}s, RSS sampled every 10 s"
  ST_COOKIE=$3 ST_CSRF=$4 ST_PERSON=$5 wrk -t2 -c"$CONNS" -d"${SOAK}s" --latency \
    -s "$HERE/api_bench.lua" "http://127.0.0.1:$port" >"$WORK/soak-$name.txt" &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 10; t=$((t + 10)); rss=$(rss_kb)
    [ "$t" -eq 60 ] && first=$rss
    [ "$rss" -gt "$peak" ] && peak=$rss
    last=$rss
  done
  wait "$wrk_pid" || true
  first=${first:-$last}
  /usr/bin/python3 - "$name" "$SOAK" "$first" "$last" "$peak" "$WORK/soak-$name.txt" <<'EOF2'
import json, re, sys
name, secs, first, last, peak, report = sys.argv[1], int(sys.argv[2]), *map(int, sys.argv[3:6]), sys.argv[6]
text = open(report).read()
m = re.search(r"([0-9]+) requests in", text)
errors = re.search(r"Socket errors: .*", text)
print(json.dumps({"bench": "api_soak", "backend": name, "seconds": secs, "requests": int(m.group(1)) if m else 0,
                  "rss_mb_at_60s": round(first / 1024, 1), "rss_mb_end": round(last / 1024, 1),
                  "rss_mb_peak": round(peak / 1024, 1), "growth_pct": round(100.0 * (last - first) / first, 1),
                  "socket_errors": errors.group(0) if errors else "none"}))
EOF2
}

# bench_backend NAME DB_URL
bench_backend() {
  local name=$1 db=$2 port out pw cookie csrf person
  out=$("$ST" seed --graph "$WORK/graph" --db "$db")
  pw=$(awk '$1=="recruiter"{print $3}' <<<"$out")
  port=$(free_port)
  "$ST" serve --graph "$WORK/graph" --db "$db" --listen "127.0.0.1:$port" >"$WORK/serve-$name.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/openapi.json" >/dev/null && break; sleep 0.1; done
  local login; login=$(curl -sf -D "$WORK/h" -H 'Content-Type: application/json' \
    -d "{\"username\":\"recruiter\",\"password\":\"$pw\"}" "http://127.0.0.1:$port/api/login")
  cookie=$(grep -i '^set-cookie:' "$WORK/h" | sed 's/^[^:]*: //; s/;.*//')
  csrf=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$login")
  # A candidate linked to the graph (the full page: profile, papers, graph, warm paths).
  person=$(curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port/api/people?kind=candidate&limit=1" |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["people"][0]["id"])')
  curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port/api/people/$person" >/dev/null  # warm the cache

  log "$name: GET /api/people/$person, $CONNS connections, ${SECONDS_RUN}s"
  wrk -t2 -c"$CONNS" -d"${SECONDS_RUN}s" --latency -H "Cookie: $cookie" \
    "http://127.0.0.1:$port/api/people/$person" >"$WORK/wrk-$name.txt"
  /usr/bin/python3 "$HERE/wrk_report.py" "api_read" "$name" "$WORK/wrk-$name.txt"

  log "$name: mixed 4 reads : 1 note write, ${SECONDS_RUN}s"
  local before; before=$(curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port/api/people/$person" |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["notes_total"])')
  ST_COOKIE=$cookie ST_CSRF=$csrf ST_PERSON=$person wrk -t2 -c"$CONNS" -d"${SECONDS_RUN}s" --latency \
    -s "$HERE/api_bench.lua" "http://127.0.0.1:$port" >"$WORK/mixed-$name.txt"
  local after; after=$(curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port/api/people/$person" |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["notes_total"])')
  /usr/bin/python3 "$HERE/wrk_report.py" "api_mixed" "$name" "$WORK/mixed-$name.txt" "$before" "$after"
  [ "$SOAK" -gt 0 ] && soak "$name" "$port" "$cookie" "$csrf" "$person"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

bench_backend sqlite "sqlite:$WORK/campaign.db"
if [ -n "${ST_PG_URL:-}" ]; then
  bench_backend postgresql "$ST_PG_URL"
elif start_pg; then
  bench_backend postgresql "$PG_URL"
else
  log "PostgreSQL not installed: skipped"
fi
