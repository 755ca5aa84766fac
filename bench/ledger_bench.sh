#!/usr/bin/env bash
# The compute-ledger benchmark (bench/ledger_bench.cc) with its SQL peers: SQLite in a scratch file and
# PostgreSQL at ST_PG_URL, or a throw-away cluster started here. Prints ledger_bench's one JSON line.
#   bench/ledger_bench.sh BUILD_DIR
set -euo pipefail
BUILD=$(cd "$1" && pwd)
WORK=$(mktemp -d /tmp/superteam-ledger-bench.XXXXXX)
PG_STOP=()
cleanup() { [ ${#PG_STOP[@]} -gt 0 ] && "${PG_STOP[@]}" >/dev/null 2>&1; rm -rf "$WORK"; }
trap cleanup EXIT
PG_URL=${ST_PG_URL:-}
if [ -z "$PG_URL" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$bindir" ]; then
    port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    mkdir -p "$WORK/pg"; chmod 755 "$WORK"
    run=(); [ "$(id -u)" -eq 0 ] && { chown postgres "$WORK/pg"; run=(runuser -u postgres --); }
    "${run[@]}" "$bindir/initdb" -D "$WORK/pg/data" -U superteam --auth=trust -E UTF8 >/dev/null
    "${run[@]}" "$bindir/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$WORK/pg" start >/dev/null
    "${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U superteam ledger_bench
    PG_STOP=("${run[@]}" "$bindir/pg_ctl" -D "$WORK/pg/data" -m fast stop)
    PG_URL="postgresql://superteam@127.0.0.1:$port/ledger_bench"
  fi
fi
"$BUILD/ledger_bench" "$WORK/ledger.db" "$PG_URL"
