#!/usr/bin/env bash
# Starts a per-run mail rig on loopback, on free ports: Dovecot (IMAP, passwd-file users, LMTP on
# a unix socket) and Postfix (SMTP; the virtual domain example.test is delivered to Dovecot over
# LMTP; every other destination is refused, so nothing leaves the machine). Everything lives in
# RUN_DIR; RUN_DIR/mail.env holds the ports and PIDs; stop.sh RUN_DIR stops exactly those.
#
# usage: start.sh RUN_DIR --user ADDRESS:PASSWORD [--user ADDRESS:PASSWORD ...]
# Postfix needs root (it drops to the postfix user itself); Dovecot's mail is owned by nobody.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
run_dir="${1:?usage: start.sh RUN_DIR --user ADDRESS:PASSWORD ...}"
shift
users=()
while [ $# -gt 0 ]; do
  case "$1" in
    --user) users+=("$2"); shift 2 ;;
    *) echo "mail start.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "mail start.sh: Postfix needs root to run its own instance (run the tests as root)" >&2
  exit 1
fi

mkdir -p "$run_dir"
run_dir="$(cd "$run_dir" && pwd)"
# Postfix and Dovecot drop to their own users, which must reach their files under RUN_DIR
# (a mkdtemp directory is 0700).
chmod 755 "$run_dir"
"$here/install.sh" >/dev/null

read -r imap_port smtp_port <<<"$(node "$here/../free-ports.mjs" 2)"
domain=example.test

# ---- Dovecot ----
dv="$run_dir/dovecot"
mkdir -p "$dv/base" "$dv/state" "$run_dir/mail"
chown 65534:65534 "$run_dir/mail"
: >"$dv/users"
for entry in "${users[@]}"; do
  address="${entry%%:*}"
  password="${entry#*:}"
  if ! [[ "$address" =~ ^[a-z0-9._-]+@[a-z0-9.-]+$ ]] || ! [[ "$password" =~ ^[A-Za-z0-9._~-]+$ ]]; then
    echo "mail start.sh: --user wants address:password (lower-case address; password letters, digits . _ ~ -)" >&2
    exit 2
  fi
  echo "$address:{PLAIN}$password" >>"$dv/users"
done
chmod 640 "$dv/users"
chgrp dovecot "$dv/users"

# Dovecot rejects `section { key = value }` on one line: one setting per line.
cat >"$dv/dovecot.conf" <<CONF
protocols = imap lmtp
listen = 127.0.0.1
base_dir = $dv/base
state_dir = $dv/state
log_path = $dv/dovecot.log
info_log_path = $dv/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
recipient_delimiter = +
mail_location = maildir:~/Maildir
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dv/users
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=$run_dir/mail/%d/%n allow_all_users=yes
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
protocol lmtp {
  mail_plugins =
}
CONF

dovecot -F -c "$dv/dovecot.conf" >"$dv/stdout.log" 2>&1 &
dovecot_pid=$!
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$imap_port") 2>/dev/null; then break; fi
  if ! kill -0 "$dovecot_pid" 2>/dev/null; then
    echo "mail start.sh: dovecot exited; see $dv/dovecot.log" >&2
    tail -n 20 "$dv/dovecot.log" "$dv/stdout.log" >&2 || true
    exit 1
  fi
  sleep 0.05
done

# ---- Postfix ----
pf="$run_dir/postfix"
mkdir -p "$pf/etc" "$pf/queue" "$pf/data"
chown postfix "$pf/data"
cp /etc/postfix/master.cf "$pf/etc/master.cf"
: >"$pf/etc/main.cf"
postconf -c "$pf/etc" \
  "compatibility_level = 3.6" \
  "queue_directory = $pf/queue" \
  "data_directory = $pf/data" \
  "maillog_file_prefixes = $pf" \
  "maillog_file = $pf/postfix.log" \
  "myhostname = mail.$domain" \
  "mydomain = $domain" \
  "myorigin = $domain" \
  "inet_interfaces = 127.0.0.1" \
  "inet_protocols = ipv4" \
  "mydestination =" \
  "mynetworks = 127.0.0.0/8" \
  "alias_maps =" \
  "alias_database =" \
  "recipient_delimiter = +" \
  "virtual_mailbox_domains = $domain" \
  "virtual_mailbox_maps = static:OK" \
  "virtual_transport = lmtp:unix:$dv/base/lmtp" \
  "default_transport = error:this test rig delivers only to $domain" \
  "relay_transport = error:this test rig delivers only to $domain" \
  "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination" \
  "smtpd_banner = \$myhostname ESMTP" \
  "message_size_limit = 52428800"
postconf -c "$pf/etc" -F '*/*/chroot = n'
# The smtp/inet service becomes a loopback listener on this run's port.
sed -i -E "s|^smtp([[:space:]]+)inet|127.0.0.1:$smtp_port\1inet|" "$pf/etc/master.cf"
# Without backdating, postfix treats a fresh main.cf as "changed" and waits ~1.5 s.
touch -d '1 minute ago' "$pf/etc/main.cf" "$pf/etc/master.cf"
if ! postfix -c "$pf/etc" start >"$pf/start.log" 2>&1; then
  echo "mail start.sh: postfix did not start; see $pf/postfix.log" >&2
  script -qc "postfix -c $pf/etc check" /dev/null >&2 || true
  tail -n 20 "$pf/postfix.log" "$pf/start.log" >&2 || true
  kill -TERM "$dovecot_pid" 2>/dev/null || true
  exit 1
fi
postfix_pid=""
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && [ -s "$pf/queue/pid/master.pid" ]; then
    postfix_pid="$(tr -d ' \n' <"$pf/queue/pid/master.pid")"
    break
  fi
  sleep 0.05
done
if [ -z "$postfix_pid" ]; then
  echo "mail start.sh: postfix did not listen on $smtp_port; see $pf/postfix.log" >&2
  tail -n 20 "$pf/postfix.log" >&2 || true
  kill -TERM "$dovecot_pid" 2>/dev/null || true
  exit 1
fi

cat >"$run_dir/mail.env" <<ENV
MAIL_DOMAIN=$domain
IMAP_HOST=127.0.0.1
IMAP_PORT=$imap_port
SMTP_HOST=127.0.0.1
SMTP_PORT=$smtp_port
DOVECOT_PID=$dovecot_pid
POSTFIX_PID=$postfix_pid
POSTFIX_CONFIG_DIR=$pf/etc
MAIL_HOME=$run_dir/mail
ENV
echo "mail rig: dovecot pid $dovecot_pid imap 127.0.0.1:$imap_port; postfix pid $postfix_pid smtp 127.0.0.1:$smtp_port"
