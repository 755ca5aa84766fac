#!/usr/bin/env bash
# Injection scan (RELIABILITY.md 14): sqlmap and wapiti (Debian) against a real
# `superteam serve` on 127.0.0.1, signed in as the CEO (the role that reaches
# every route), over every API route that takes a query parameter, a path id
# or a JSON body. Manual, not in CI: a full run takes several minutes.
#   tests/security/scan.sh BUILD_DIR
# Env: ST_SCAN_DB (a postgresql:// URL; default a fresh SQLite file),
#      ST_SCAN_LEVEL / ST_SCAN_RISK (sqlmap, default 2 / 1), ST_SCAN_DIR (kept).
# Exit status 1 if either tool reports a finding; the reports stay in the dir.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: tests/security/scan.sh BUILD_DIR" >&2; exit 2; }
ST=$(cd "$1" && pwd)/superteam
LEVEL=${ST_SCAN_LEVEL:-2}
RISK=${ST_SCAN_RISK:-1}
if [ -n "${ST_SCAN_DIR:-}" ]; then WORK=$ST_SCAN_DIR; mkdir -p "$WORK"; else WORK=$(mktemp -d /tmp/superteam-scan.XXXXXX); fi
for tool in sqlmap wapiti curl; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install sqlmap wapiti curl)" >&2; exit 1; }
done
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT

log "a small graph and campaign in $WORK"
"$ST" gen-corpus --out "$WORK/corpus" --authors 500 >/dev/null
"$ST" ingest "$WORK/corpus" --graph "$WORK/graph" >/dev/null
DB=${ST_SCAN_DB:-$WORK/campaign.db}
out=$("$ST" seed --graph "$WORK/graph" --db "$DB")
pw=$(awk '$1=="ceo"{print $3}' <<<"$out")
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$port
"$ST" serve --graph "$WORK/graph" --db "$DB" --listen "127.0.0.1:$port" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do curl -sf "$BASE/api/openapi.json" >/dev/null && break; sleep 0.1; done

login=$(curl -sf -D "$WORK/h" -H 'Content-Type: application/json' \
  -d "{\"username\":\"ceo\",\"password\":\"$pw\"}" "$BASE/api/login")
cookie=$(grep -i '^set-cookie:' "$WORK/h" | sed 's/^[^:]*: //; s/;.*//')
csrf=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$login")
person=$(curl -sf -H "Cookie: $cookie" "$BASE/api/people?limit=1" |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["people"][0]["id"])')
version=$(curl -sf -H "Cookie: $cookie" "$BASE/api/people/$person" |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
user=$(curl -sf -H "Cookie: $cookie" "$BASE/api/users" |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["users"][-1]["id"])')

# Writes need the Origin of the server and the session's CSRF token (else 403 before any SQL runs).
HEADERS="Origin: $BASE\nX-CSRF-Token: $csrf"
findings=0
# sqlmap_target NAME URL [METHOD BODY]; '*' marks an injection point in a path.
sqlmap_target() {
  local name=$1 url=$2 method=${3:-GET} body=${4:-}
  local args=(-u "$url" --batch --level="$LEVEL" --risk="$RISK" --cookie="$cookie" --headers="$(printf '%b' "$HEADERS")"
    --skip="st_session,__Host-st_session" --method="$method" --output-dir="$WORK/sqlmap" --flush-session --disable-coloring --threads=2)
  [ -n "$body" ] && args+=(--data="$body")
  log "sqlmap: $name"
  sqlmap "${args[@]}" >"$WORK/sqlmap-$name.txt" 2>&1 || true
  local f=$WORK/sqlmap-$name.txt
  if grep -qiE "is vulnerable|sqlmap identified the following injection" "$f"; then
    echo "FINDING: sqlmap $name (see $f)"; findings=$((findings + 1))
  elif grep -qi "do not appear to be injectable" "$f"; then
    echo "clean: sqlmap $name — $(grep -ciE "testing '" "$f") payloads tried on $(grep -ciE "testing if .* parameter .* is dynamic" "$f") parameters"
  else
    echo "FINDING: sqlmap $name did not finish (see $f)"; findings=$((findings + 1))
  fi
}

sqlmap_target people "$BASE/api/people?stage=identified&owner=ceo&kind=candidate&org=Google&tag=ml&q=smith&limit=10&offset=0"
sqlmap_target search "$BASE/api/search?q=vision+transformers&org=DeepMind&since=2020&top=5&offset=0"
sqlmap_target pipeline "$BASE/api/pipeline?owner=ceo&q=smith"
sqlmap_target dashboard "$BASE/api/dashboard?top=5"
sqlmap_target audit "$BASE/api/audit?limit=10&before=1000"
sqlmap_target activities "$BASE/api/activities?after=1&limit=5"
sqlmap_target person_path "$BASE/api/people/${person}*"
sqlmap_target notes_list "$BASE/api/people/$person/notes?before=100000&limit=5"
sqlmap_target note_add "$BASE/api/people/$person/notes" POST '{"body":"met at a workshop"}'
sqlmap_target person_patch "$BASE/api/people/$person" PATCH "{\"version\":$version,\"title\":\"Research Scientist\",\"org\":\"Acme Labs\"}"
sqlmap_target stage "$BASE/api/people/$person/stage" POST "{\"stage\":\"contacted\",\"version\":$version,\"note\":\"hello\"}"
sqlmap_target user_add "$BASE/api/users" POST '{"username":"scanuser","password":"a long enough passphrase 42","role":"viewer"}'
sqlmap_target user_patch "$BASE/api/users/$user" PATCH '{"display_name":"Scan Target"}'

log "wapiti over the pages and the API's GET routes"
/usr/bin/python3 - "$cookie" "$WORK/cookie.json" <<'EOF'
import json, sys
name, value = sys.argv[1].split("=", 1)
json.dump({"127.0.0.1": {"/": {name: {"name": name, "value": value, "version": 0, "expires": None,
           "secure": False, "path": "/", "port": None}}}}, open(sys.argv[2], "w"))
EOF
starts=()
for u in "/api/people?q=smith&stage=identified" "/api/search?q=vision&org=DeepMind&since=2020" \
         "/api/pipeline?q=smith" "/api/audit?limit=5" "/api/people/$person/notes?limit=5" "/search" "/dashboard"; do
  starts+=(-s "$BASE$u")
done
# (No -x exclusions: Debian's wapiti 3.0.4 crashes compiling them under Python 3.11.)
wapiti -u "$BASE/" --scope domain "${starts[@]}" -t 5 \
  -c "$WORK/cookie.json" -H "Origin: $BASE" -H "X-CSRF-Token: $csrf" -m "sql,exec,xss,permanentxss,file,redirect,crlf" \
  -v 1 -f json -o "$WORK/wapiti.json" --flush-session --max-scan-time 300 >"$WORK/wapiti.txt" 2>&1 || true
wapiti_count=$(/usr/bin/python3 -c '
import json,sys
r=json.load(open(sys.argv[1]))
print(sum(len(v) for v in r.get("vulnerabilities",{}).values()))' "$WORK/wapiti.json" 2>/dev/null || echo "no report")
if [ "$wapiti_count" = 0 ]; then
  echo "clean: wapiti (report $WORK/wapiti.json)"
else
  echo "FINDING: wapiti reported $wapiti_count (see $WORK/wapiti.json, $WORK/wapiti.txt)"; findings=$((findings + 1))
fi
# The server must have survived the scan.
curl -sf "$BASE/api/openapi.json" >/dev/null || { echo "FINDING: the server stopped answering"; findings=$((findings + 1)); }
echo "{\"bench\":\"injection_scan\",\"db\":\"$( [[ $DB == postgresql* ]] && echo postgresql || echo sqlite)\",\"findings\":$findings}"
[ "$findings" -eq 0 ]
