#!/usr/bin/env bash
# Stops exactly the processes a rig's start.sh started (PIDs from RUN_DIR/rig.env), nothing else.
set -uo pipefail
run_dir="${1:?usage: stop.sh RUN_DIR}"
[ -f "$run_dir/rig.env" ] || exit 0
# shellcheck disable=SC1091
source "$run_dir/rig.env"
for pid in ${KAMAILIO_PID:-} ${RTPENGINE_PID:-}; do
  if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; fi
done
for pid in ${KAMAILIO_PID:-} ${RTPENGINE_PID:-}; do
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
done
echo "rig: stopped"
