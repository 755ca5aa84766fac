#!/usr/bin/env bash
# Throw-away mail servers for the outreach tests, on 127.0.0.1 with their own ports:
#   an SMTP submission server (aiosmtpd, STARTTLS + AUTH) delivering into DIR/maildir/<address>/, and
#   Dovecot serving those Maildirs over IMAP (STARTTLS), both with a self-signed certificate for 127.0.0.1.
#   mail_servers.sh start DIR   → prints `export ST_SMTP_URL=… ST_IMAP_URL=… ST_MAIL_CA=… ST_MAIL_DIR=…`
#   mail_servers.sh stop DIR
# Users (address:password): ceo@lab.test, candidate@uni.test. Run as root, both servers drop to nobody.
set -euo pipefail
cmd=$1 DIR=$2
HERE=$(cd "$(dirname "$0")" && pwd)

start() {
  mkdir -p "$DIR/maildir" "$DIR/run" "$DIR/state"
  printf 'ceo@lab.test:ceo-mail-pw-1\ncandidate@uni.test:cand-mail-pw-1\n' > "$DIR/users.txt"
  : > "$DIR/passwd"
  while IFS=: read -r addr pw; do printf '%s:{PLAIN}%s::::::\n' "$addr" "$pw" >> "$DIR/passwd"; done < "$DIR/users.txt"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$DIR/key.pem" -out "$DIR/cert.pem" >/dev/null 2>&1
  local run=() user group
  user=$(id -un) group=$(id -gn)
  if [ "$(id -u)" -eq 0 ]; then
    user=nobody group=nogroup
    chown -R nobody:nogroup "$DIR"
    run=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  fi
  touch "$DIR/dovecot.log" "$DIR/smtp.log"
  [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$DIR/dovecot.log" "$DIR/smtp.log"
  chmod 755 "$DIR"
  # SMTP: the port is written to smtp.port when it listens.
  setsid "${run[@]}" /usr/bin/python3 "$HERE/smtp_server.py" "$DIR" </dev/null >"$DIR/smtp.log" 2>&1 &
  echo $! > "$DIR/smtp.pid"
  # IMAP: retry a few random ports (bind errors exit non-zero).
  local port ok=0
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    cat > "$DIR/dovecot.conf" <<CONF
base_dir = $DIR/run
state_dir = $DIR/state
log_path = $DIR/dovecot.log
instance_name = st-$(basename "$DIR")
listen = 127.0.0.1
protocols = imap
default_internal_user = $user
default_internal_group = $group
default_login_user = $user
ssl = yes
ssl_cert = <$DIR/cert.pem
ssl_key = <$DIR/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DIR/passwd
}
userdb {
  driver = static
  args = home=$DIR/maildir/%u
}
mail_location = maildir:$DIR/maildir/%u
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
CONF
    [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$DIR/dovecot.conf"
    if "${run[@]}" /usr/sbin/dovecot -c "$DIR/dovecot.conf" </dev/null >"$DIR/dovecot.out" 2>&1; then ok=1; break; fi
  done
  [ $ok -eq 1 ] || { echo "dovecot did not start: $(tail -3 "$DIR/dovecot.out" "$DIR/dovecot.log")" >&2; return 1; }
  for _ in $(seq 1 100); do [ -f "$DIR/smtp.port" ] && [ -f "$DIR/run/master.pid" ] && break; sleep 0.05; done
  [ -f "$DIR/smtp.port" ] || { echo "SMTP server did not start: $(tail -5 "$DIR/smtp.log")" >&2; return 1; }
  echo "export ST_SMTP_URL=smtp://127.0.0.1:$(cat "$DIR/smtp.port") ST_IMAP_URL=imap://127.0.0.1:$port" \
       "ST_MAIL_CA=$DIR/cert.pem ST_MAIL_DIR=$DIR"
}

stop() {
  [ -f "$DIR/smtp.pid" ] && kill "$(cat "$DIR/smtp.pid")" 2>/dev/null || true
  if [ -f "$DIR/run/master.pid" ]; then
    kill "$(cat "$DIR/run/master.pid")" 2>/dev/null || true
    for _ in $(seq 1 60); do [ -f "$DIR/run/master.pid" ] || break; sleep 0.05; done
  fi
  rm -rf "$DIR"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
