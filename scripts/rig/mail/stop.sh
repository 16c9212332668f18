#!/usr/bin/env bash
# Stops exactly the processes a mail rig's start.sh started (PIDs from RUN_DIR/mail.env).
set -uo pipefail
run_dir="${1:?usage: stop.sh RUN_DIR}"
[ -f "$run_dir/mail.env" ] || exit 0
# shellcheck disable=SC1091
source "$run_dir/mail.env"
# Postfix's own stop tells its master (that PID) to end its children too.
if [ -n "${POSTFIX_PID:-}" ] && kill -0 "$POSTFIX_PID" 2>/dev/null; then
  postfix -c "$POSTFIX_CONFIG_DIR" stop >/dev/null 2>&1 || kill -TERM "$POSTFIX_PID" 2>/dev/null
fi
for pid in ${DOVECOT_PID:-}; do
  if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; fi
done
for pid in ${POSTFIX_PID:-} ${DOVECOT_PID:-}; do
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
done
echo "mail rig: stopped"
