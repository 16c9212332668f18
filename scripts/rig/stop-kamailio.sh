#!/usr/bin/env bash
# Stops only the rig's Kamailio (by its recorded PID) and waits until it is gone.
set -uo pipefail
run_dir="${1:?usage: stop-kamailio.sh RUN_DIR}"
# shellcheck disable=SC1091
source "$run_dir/rig.env"
kill -TERM "$KAMAILIO_PID" 2>/dev/null || exit 0
for _ in $(seq 1 100); do kill -0 "$KAMAILIO_PID" 2>/dev/null || exit 0; sleep 0.05; done
kill -KILL "$KAMAILIO_PID" 2>/dev/null
