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
  libcurl4-openssl-dev libphonenumber-dev libkainjow-mustache-dev libical-dev
  python3-aiosmtpd dovecot-imapd openssl
  libcairo2-dev libpango1.0-dev libkainjow-mustache-dev fonts-dejavu-core poppler-utils
  coinor-libcbc-dev libeigen3-dev
  libgeographiclib-dev tzdata libical-dev python3-icalendar
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
  # Also when package.json gained a library since the last install (npm keeps node_modules/.package-lock.json).
  if [ -f "$ROOT/web/package.json" ] && { [ ! -d "$ROOT/web/node_modules" ] ||
      [ "$ROOT/web/package.json" -nt "$ROOT/web/node_modules/.package-lock.json" ]; }; then
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
  # PostgreSQL has no size cap like SQLite's max_page_count: its disk-full test (store_test
  # DiskFullIsCleanAndRecovers) fills a tablespace on a small tmpfs for real. Mounting needs root.
  PG_SMALL=$PG_DIR/small
  mkdir -p "$PG_SMALL"
  if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=8m,mode=0755 superteam-pg-small "$PG_SMALL" 2>/dev/null; then
    mkdir "$PG_SMALL/ts" && chown postgres "$PG_SMALL/ts"
    "${run[@]}" "$bindir/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U superteam -d superteam_test \
      -c "CREATE TABLESPACE st_small LOCATION '$PG_SMALL/ts'"
    export ST_PG_SMALL_TABLESPACE=st_small ST_PG_SMALL_FS=$PG_SMALL
  else
    PG_SMALL=""
    log "note: could not mount a small tmpfs (needs root): the PostgreSQL disk-full test will skip"
  fi
}
stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_STOP[@]}" >/dev/null 2>&1 || true
  if [ -n "${PG_SMALL:-}" ]; then umount "$PG_SMALL" 2>/dev/null || true; fi
  rm -rf "$PG_DIR"
  PG_DIR=""
}

# Under CI (CI=true) or ST_REQUIRE_ALL=1 nothing may pass by skipping (issue 15): a test whose
# prerequisite is missing fails with the reason (src/base/test_require.h, tests/browser/run.mjs).
require_all() { [ "${CI:-}" = true ] || [ "${ST_REQUIRE_ALL:-}" = 1 ]; }
# Throw-away mail servers for the outreach tests (SMTP with STARTTLS + AUTH into Maildirs, Dovecot IMAP);
# tests/mail/mail_servers.sh prints the ST_SMTP_URL/ST_IMAP_URL/ST_MAIL_CA/ST_MAIL_DIR exports.
start_mail() {
  MAIL_DIR=$(mktemp -d /tmp/superteam-mail.XXXXXX)
  local exports
  if exports=$("$ROOT/tests/mail/mail_servers.sh" start "$MAIL_DIR"); then
    eval "$exports"
    log "mail test servers: $ST_SMTP_URL, $ST_IMAP_URL"
  else
    log "note: mail test servers did not start; outreach mail tests will skip (fail under CI)"
  fi
}
stop_mail() {
  [ -n "${MAIL_DIR:-}" ] || return 0
  "$ROOT/tests/mail/mail_servers.sh" stop "$MAIL_DIR" >/dev/null 2>&1 || true
  MAIL_DIR=""
}

cmd=${1:-help}; shift || true
case "$cmd" in
  build)
    install_missing; build "$@" ;;
  test)
    install_missing; install_npm; build
    start_postgres
    start_mail
    trap 'stop_postgres; stop_mail' EXIT
    export ST_SHARED_DATA=${ST_SHARED_DATA:-$ROOT/../shared/data}
    missing_data=""
    if [ ! -d "$ST_SHARED_DATA" ]; then
      missing_data="the real data $ST_SHARED_DATA is absent (place ../shared beside the checkout or set ST_SHARED_DATA)"
      if require_all; then log "ERROR: $missing_data: the real-data tests will fail"
      else log "note: $missing_data: the real-data tests will skip"; fi
    fi
    log "running tests"
    rc=0
    (cd "$BUILD" && ctest --output-on-failure -j"$JOBS" --timeout 900 "$@") | tee "$BUILD/ctest.log" || rc=$?
    if require_all; then
      # A bare GTEST_SKIP() or node t.skip() that bypassed the rule above still must not pass.
      skipped=$(grep -E '\*\*\*Skipped|Not Run' "$BUILD/ctest.log" || true)
      [ -z "$skipped" ] || { log "ERROR: tests skipped under CI:"; echo "$skipped" >&2; rc=1; }
      [ -z "$missing_data" ] || { log "ERROR: $missing_data"; rc=1; }
    fi
    exit "$rc"
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
    log "outreach demo: the CEO's mailbox writes .eml files into $DEMO/outbox (a Maildir)"
    "$BUILD/superteam" outreach seed-demo --db "$DEMO/campaign.db" --graph "$DEMO/graph" --maildir "$DEMO/outbox"
    "$BUILD/superteam" serve --graph "$DEMO/graph" --db "$DEMO/campaign.db" --listen 127.0.0.1:8080
    ;;
  *)
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
