#!/usr/bin/env bash
# Starts the voice interop rig on loopback, on free ports: rtpengine (userspace) and Kamailio
# (SIP over UDP for callers, SIP over WebSocket for phones). Writes RUN_DIR/rig.env with the
# ports, URLs and PIDs; scripts/rig/stop.sh RUN_DIR stops exactly those PIDs.
#
# usage: start.sh RUN_DIR [--hub-url URL --hub-secret SECRET] [--static-aor sip:agent@lab.centralita]
#                 [--phone-address ADDR] [--rtp-ports N]
# --phone-address: phones may also connect at ADDR (WebSocket, and SIP over UDP for a native phone
# such as baresip) and rtpengine offers them media there, for phones in a test network namespace
# reached over a veth link (the network-change and call-quality tests). ADDR must be a private IPv4
# address already on this machine. Callers on loopback (sipp) keep using 127.0.0.1.
# --rtp-ports N sizes rtpengine's media port block (default 100). Each call holds 4 ports, and
# rtpengine keeps a deleted call's ports for 30 s (its delete-delay), so a run that places many
# calls in a row (the call-setup bench) needs a bigger block than the tests.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
run_dir="${1:?usage: start.sh RUN_DIR [--hub-url URL --hub-secret SECRET] [--static-aor AOR]}"
shift
hub_url=""
hub_secret=""
static_aor="sip:agent@lab.centralita"
phone_address=""
rtp_ports=100
while [ $# -gt 0 ]; do
  case "$1" in
    --hub-url) hub_url="$2"; shift 2 ;;
    --hub-secret) hub_secret="$2"; shift 2 ;;
    --static-aor) static_aor="$2"; shift 2 ;;
    --phone-address) phone_address="$2"; shift 2 ;;
    --rtp-ports) rtp_ports="$2"; shift 2 ;;
    *) echo "start.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -n "$phone_address" ]; then
  if ! [[ "$phone_address" =~ ^(10|192\.168|172\.(1[6-9]|2[0-9]|3[01]))\.[0-9.]+$ ]] || ! ip -4 -o addr show | grep -q " inet $phone_address/"; then
    echo "start.sh: --phone-address must be a private IPv4 address on this machine (got '$phone_address')" >&2
    exit 2
  fi
fi
media_address="${phone_address:-127.0.0.1}"
if ! [[ "$rtp_ports" =~ ^[0-9]{2,4}$ ]] || [ "$rtp_ports" -lt 20 ] || [ "$rtp_ports" -gt 5000 ]; then
  echo "start.sh: --rtp-ports must be 20-5000" >&2
  exit 2
fi

mkdir -p "$run_dir"
run_dir="$(cd "$run_dir" && pwd)"
"$here/install.sh" >/dev/null

read -r sip_port ws_port ng_port cli_port <<<"$(node "$here/free-ports.mjs" 4)"
extra_listen=""
extra_listen_udp=""
mhomed=""
if [ -n "$phone_address" ]; then
  extra_listen="listen=tcp:$phone_address:$ws_port"
  extra_listen_udp="listen=udp:$phone_address:$sip_port"
  # Two UDP sockets: a request relayed from a loopback caller to a phone behind ADDR must leave
  # from ADDR's socket (a loopback socket cannot reach the veth link), so let the kernel's route pick.
  mhomed="mhomed=1"
fi
# rtpengine's media ports: a block chosen at random so two rigs rarely collide; it skips busy ones.
rtp_min=$(( 20000 + (RANDOM % 400) * 100 ))
rtp_max=$(( rtp_min + rtp_ports - 1 ))

modules_dir=""
for candidate in /usr/lib/x86_64-linux-gnu/kamailio/modules /usr/lib/aarch64-linux-gnu/kamailio/modules /usr/lib/kamailio/modules; do
  if [ -d "$candidate" ]; then modules_dir="$candidate"; break; fi
done

hub_define=""
if [ -n "$hub_url" ]; then
  hub_define="#!define WITH_HUB"
  # The secret is pasted into kamailio.cfg (in RUN_DIR, mode 0600); keep it to URL-safe characters.
  if ! [[ "$hub_secret" =~ ^[A-Za-z0-9._~-]{16,256}$ ]]; then
    echo "start.sh: --hub-url needs --hub-secret (16-256 characters: letters, digits . _ ~ -)" >&2
    exit 2
  fi
fi

sed -e "s|@@SIP_PORT@@|$sip_port|g" -e "s|@@WS_PORT@@|$ws_port|g" -e "s|@@RTPENGINE_NG_PORT@@|$ng_port|g" \
  -e "s|@@MODULES_DIR@@|$modules_dir|g" -e "s|@@HUB_DEFINE@@|$hub_define|g" -e "s|@@HUB_URL@@|$hub_url|g" \
  -e "s|@@HUB_SECRET@@|$hub_secret|g" \
  -e "s|@@STATIC_AOR@@|$static_aor|g" -e "s|@@EXTRA_LISTEN@@|$extra_listen|g" \
  -e "s|@@EXTRA_LISTEN_UDP@@|$extra_listen_udp|g" -e "s|@@MHOMED@@|$mhomed|g" "$here/kamailio.cfg.tmpl" >"$run_dir/kamailio.cfg"
chmod 600 "$run_dir/kamailio.cfg"

kamailio -c -f "$run_dir/kamailio.cfg" >"$run_dir/kamailio-check.log" 2>&1 || {
  echo "start.sh: kamailio.cfg does not parse; see $run_dir/kamailio-check.log" >&2
  tail -20 "$run_dir/kamailio-check.log" >&2
  exit 1
}

# --config-file=none: Debian's /etc/rtpengine/rtpengine.conf would add fixed ports (HTTP 2225…),
# so a second rig on the same machine could not start.
rtpengine --config-file=none --interface="$media_address" --listen-ng="127.0.0.1:$ng_port" --listen-cli="127.0.0.1:$cli_port" --port-min="$rtp_min" --port-max="$rtp_max" \
  --foreground --log-stderr --table=-1 --log-level=6 >"$run_dir/rtpengine.log" 2>&1 &
rtpengine_pid=$!
# Kamailio pings rtpengine at start-up and, if it gets no answer, ignores it for a minute: wait for it.
for _ in $(seq 1 100); do
  if ss -Huln "sport = :$ng_port" | grep -q .; then break; fi
  if ! kill -0 "$rtpengine_pid" 2>/dev/null; then
    echo "start.sh: rtpengine exited; see $run_dir/rtpengine.log" >&2
    tail -20 "$run_dir/rtpengine.log" >&2
    exit 1
  fi
  sleep 0.05
done

cat >"$run_dir/rig.env" <<ENV
SIP_PORT=$sip_port
WS_PORT=$ws_port
WS_URL=ws://127.0.0.1:$ws_port
PHONE_WS_URL=ws://$media_address:$ws_port
PHONE_SIP_ADDRESS=$media_address:$sip_port
RTPENGINE_NG_PORT=$ng_port
RTP_PORT_MIN=$rtp_min
RTP_PORT_MAX=$rtp_max
RTPENGINE_PID=$rtpengine_pid
STATIC_AOR=$static_aor
HUB_URL=$hub_url
ENV

"$here/start-kamailio.sh" "$run_dir"
# shellcheck disable=SC1091
source "$run_dir/rig.env"
echo "rig: kamailio pid $KAMAILIO_PID sip udp 127.0.0.1:$sip_port ws://127.0.0.1:$ws_port; rtpengine pid $rtpengine_pid ng $ng_port"
