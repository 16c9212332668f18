#!/usr/bin/env bash
# Stops exactly the baresip that start-baresip.sh started (PID from DIR/baresip.env).
set -uo pipefail
dir="${1:?usage: stop-baresip.sh DIR}"
[ -f "$dir/baresip.env" ] || exit 0
# shellcheck disable=SC1091
source "$dir/baresip.env"
pid="${BARESIP_PID:-}"
[ -n "$pid" ] || exit 0
if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; fi
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
echo "rig: baresip stopped"
