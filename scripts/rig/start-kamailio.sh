#!/usr/bin/env bash
# (Re)starts Kamailio of a rig started by start.sh, on the same ports, and records its PID in
# RUN_DIR/rig.env. The interop suite uses it to restart the SIP server under a registered phone.
set -euo pipefail
run_dir="${1:?usage: start-kamailio.sh RUN_DIR}"
# shellcheck disable=SC1091
source "$run_dir/rig.env"

# -DD: stay in the foreground (so $! is Kamailio's main process), children still forked; -E: log to stderr.
kamailio -DD -E -f "$run_dir/kamailio.cfg" -m 64 -M 8 -w "$run_dir" >>"$run_dir/kamailio.log" 2>&1 &
kamailio_pid=$!

# Ready when the WebSocket port accepts connections (UDP comes up in the same start-up step).
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$WS_PORT") 2>/dev/null; then break; fi
  if ! kill -0 "$kamailio_pid" 2>/dev/null; then
    echo "start-kamailio.sh: kamailio exited; see $run_dir/kamailio.log" >&2
    tail -20 "$run_dir/kamailio.log" >&2
    exit 1
  fi
  sleep 0.05
done

sed -i '/^KAMAILIO_PID=/d' "$run_dir/rig.env"
echo "KAMAILIO_PID=$kamailio_pid" >>"$run_dir/rig.env"
