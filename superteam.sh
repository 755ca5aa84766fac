#!/usr/bin/env bash
# superteam's one entry point for people and CI.
#   ./superteam.sh demo    install what is missing, build, generate + ingest the demo corpus, serve the app
#   ./superteam.sh test    install what is missing, build, run every test (ctest), with a throw-away PostgreSQL
#   ./superteam.sh bench   build and run the benchmarks (ratios against peers measured in the same run)
#   ./superteam.sh build   just build (Release) into build/
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
BUILD=${ST_BUILD_DIR:-$ROOT/build}
JOBS=${ST_JOBS:-$(nproc)}

APT_PACKAGES=(
  build-essential cmake pkg-config git ca-certificates
  libsimdjson-dev nlohmann-json3-dev libboost-dev libcpp-httplib-dev libsqlite3-dev libpq-dev
  libcli11-dev libfmt-dev libsodium-dev libisal-dev libdeflate-dev zlib1g-dev libssl-dev libutf8proc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  postgresql sqlite3 curl wrk chromium python3-igraph ccache
  coinor-libcbc-dev libeigen3-dev
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_missing() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node may come from another packager (its npm built in); ask Debian only when absent.
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if ((${#missing[@]})); then
    log "installing missing Debian packages: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# `npm install` (not `npm ci`): the lock files hold only this platform's optional binaries (DuckDB's), which
# `npm ci` rejects as out of sync; `npm install` follows the lock file and leaves it unchanged.
install_npm() {  # front-end and test tools (playwright-core, duckdb) from the npm registry
  if [ -f "$ROOT/tools/package.json" ] && [ ! -d "$ROOT/tools/node_modules" ]; then
    log "installing npm packages for tests/benchmarks (tools/)"
    (cd "$ROOT/tools" && npm install --no-audit --no-fund --loglevel=error)
  fi
  # The pages' libraries (Chart.js, Cytoscape.js); CMake copies them into the build's web/vendor/.
  if [ -f "$ROOT/web/package.json" ] && [ ! -d "$ROOT/web/node_modules" ]; then
    log "installing npm packages for the web pages (web/)"
    (cd "$ROOT/web" && npm install --no-audit --no-fund --loglevel=error)
  fi
}

build() {
  log "building (Release) in $BUILD"
  # ccache keyed on paths relative to the checkout: a fresh clone (CI) or a second work tree reuses objects.
  local launcher=()
  if command -v ccache >/dev/null; then
    export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" "$@" >/dev/null
  cmake --build "$BUILD" -j"$JOBS"
}

# A throw-away PostgreSQL cluster on 127.0.0.1 for the store tests; removed on exit.
start_postgres() {
  local bindir; bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_DIR=$(mktemp -d /tmp/superteam-pg.XXXXXX)
  PG_PORT=${ST_PG_PORT:-$((20000 + RANDOM % 20000))}
  local run=(); [ "$(id -u)" -eq 0 ] && { chown postgres "$PG_DIR"; run=(runuser -u postgres --); }
  "${run[@]}" "$bindir/initdb" -D "$PG_DIR/data" -U superteam --auth=trust -E UTF8 >/dev/null
  "${run[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=on" start >/dev/null
  "${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$PG_PORT" -U superteam superteam_test
  export ST_PG_URL="postgresql://superteam@127.0.0.1:$PG_PORT/superteam_test"
  PG_STOP=("${run[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data" -m immediate stop)
  trap stop_postgres EXIT
  log "PostgreSQL test cluster on 127.0.0.1:$PG_PORT"
}
stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_STOP[@]}" >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}

cmd=${1:-help}; shift || true
case "$cmd" in
  build)
    install_missing; build "$@" ;;
  test)
    install_missing; install_npm; build
    start_postgres
    export ST_SHARED_DATA=${ST_SHARED_DATA:-$ROOT/../shared/data}
    [ -d "$ST_SHARED_DATA" ] || log "note: $ST_SHARED_DATA is absent; real-data tests will skip"
    log "running tests"
    (cd "$BUILD" && ctest --output-on-failure -j"$JOBS" --timeout 900 "$@")
    ;;
  bench)
    install_missing; install_npm; build -DST_BENCH=ON
    "$ROOT/bench/run.sh" "$BUILD" "$@" ;;
  demo)
    install_missing; install_npm; build
    DEMO=${ST_DEMO_DIR:-$ROOT/demo-data}
    mkdir -p "$DEMO"
    log "generating the demo corpus (seeded) in $DEMO/corpus"
    "$BUILD/superteam" gen-corpus --out "$DEMO/corpus"
    log "ingesting it into $DEMO/graph"
    "$BUILD/superteam" ingest "$DEMO/corpus" --graph "$DEMO/graph"
    log "top researchers"
    "$BUILD/superteam" rank --graph "$DEMO/graph" --top 10
    log "top LLM researchers"
    "$BUILD/superteam" rank "large language models" --graph "$DEMO/graph" --top 10
    "$BUILD/superteam" seed --graph "$DEMO/graph" --db "$DEMO/campaign.db"
    "$BUILD/superteam" serve --graph "$DEMO/graph" --db "$DEMO/campaign.db" --listen 127.0.0.1:8080
    ;;
  *)
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
