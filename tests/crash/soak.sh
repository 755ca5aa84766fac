#!/usr/bin/env bash
# Crash soak (RELIABILITY.md 1): ≥ 100 kill -9 rounds per back end.
#   tests/crash/soak.sh BUILD_DIR [ROUNDS] [PG_SERVER_ROUNDS]
# kill -9 of the writer (SQLite, PostgreSQL via ST_PG_URL) and of a private
# PostgreSQL server the test starts itself.
# PostgreSQL runs too when ST_PG_URL is set (./superteam.sh test sets it).
set -euo pipefail
build=${1:?usage: soak.sh BUILD_DIR [ROUNDS]}
ST_CRASH_ROUNDS=${2:-100} ST_CRASH_PG_SERVER_ROUNDS=${3:-20} exec "$build/crash_test"
