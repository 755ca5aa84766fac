#!/usr/bin/env bash
# Crash soak (RELIABILITY.md 1): ≥ 100 kill -9 rounds per back end.
#   tests/crash/soak.sh BUILD_DIR [ROUNDS]
# PostgreSQL runs too when ST_PG_URL is set (./superteam.sh test sets it).
set -euo pipefail
build=${1:?usage: soak.sh BUILD_DIR [ROUNDS]}
ST_CRASH_ROUNDS=${2:-100} exec "$build/crash_test"
