#!/usr/bin/env bash
# Outreach benchmarks with their peer measured in the same run (bench/README.md):
#   bench/outreach_bench.sh BUILD_DIR [GRAPH_DIR]
# draft generation p99 on GRAPH_DIR (default: a generated 1M-author graph is NOT built here; pass one, e.g.
# bench/run.sh's graph_big), sender throughput vs Python's smtplib against throw-away local servers
# (tests/mail/mail_servers.sh), and reply detection (the poll pass that finds a reply).
set -euo pipefail
BUILD=$(cd "$1" && pwd)
GRAPH=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
N=${ST_BENCH_MESSAGES:-200}
MAIL=$(mktemp -d /tmp/superteam-mailbench.XXXXXX)
trap '"$ROOT/tests/mail/mail_servers.sh" stop "$MAIL" >/dev/null 2>&1 || true' EXIT
eval "$("$ROOT/tests/mail/mail_servers.sh" start "$MAIL")"
if [ -n "$GRAPH" ]; then
  echo "drafts: $("$BUILD/outreach_bench" drafts "$GRAPH" 2000)"
fi
MSGS=$(mktemp -d /tmp/superteam-mailmsgs.XXXXXX)
# Interleaved rounds: our transport alone and the whole outbox path (a committed claim before and the outcome
# after every message), each beside smtplib sending the same bytes over one reused connection; and once
# smtplib with a fresh connection per message (what our sender did before connection reuse).
for run in 1 2 3; do
  rm -f "$MSGS"/*.eml
  echo "send_libcurl: $("$BUILD/outreach_bench" send "$ST_SMTP_URL" "$ST_MAIL_CA" "$N" "$MSGS")"
  echo "send_smtplib: $(/usr/bin/python3 "$HERE/smtplib_send.py" "$ST_SMTP_URL" "$ST_MAIL_CA" "$MSGS")"
  rm -f "$MSGS"/*.eml
  echo "outbox_libcurl: $("$BUILD/outreach_bench" outbox "$ST_SMTP_URL" "$ST_MAIL_CA" "$N" "$MSGS")"
  echo "outbox_smtplib: $(/usr/bin/python3 "$HERE/smtplib_send.py" "$ST_SMTP_URL" "$ST_MAIL_CA" "$MSGS")"
done
echo "send_smtplib_fresh: $(/usr/bin/python3 "$HERE/smtplib_send.py" "$ST_SMTP_URL" "$ST_MAIL_CA" "$MSGS" --fresh)"
rm -rf "$MSGS"
echo "reply: $("$BUILD/outreach_bench" reply "$ST_SMTP_URL" "$ST_IMAP_URL" "$ST_MAIL_CA")"
