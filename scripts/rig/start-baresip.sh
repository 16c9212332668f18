#!/usr/bin/env bash
# Starts baresip (Debian baresip-core), a native SIP user agent to compare our phone with, on
# loopback, headless, with its own config in DIR: registered over UDP to the rig's Kamailio,
# answering every call by itself (answermode=auto), sending a 440 Hz tone, playing into a
# null bridge. Writes DIR/baresip.env (BARESIP_PID, BARESIP_SIP_PORT, BARESIP_AOR);
# scripts/rig/stop-baresip.sh DIR stops exactly that PID.
#
# usage: start-baresip.sh DIR --registrar 127.0.0.1:PORT [--user baresip]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:?usage: start-baresip.sh DIR --registrar 127.0.0.1:PORT [--user NAME]}"
shift
registrar=""
user="baresip"
while [ $# -gt 0 ]; do
  case "$1" in
    --registrar) registrar="$2"; shift 2 ;;
    --user) user="$2"; shift 2 ;;
    *) echo "start-baresip.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if ! [[ "$registrar" =~ ^127\.0\.0\.1:[0-9]{1,5}$ ]]; then
  echo "start-baresip.sh: --registrar must be 127.0.0.1:PORT (the rig is loopback only)" >&2
  exit 2
fi
if ! [[ "$user" =~ ^[a-z0-9._-]{1,64}$ ]]; then
  echo "start-baresip.sh: --user must be lower-case letters, digits . _ -" >&2
  exit 2
fi

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
"$here/install.sh" >/dev/null

modules_dir=""
for candidate in /usr/lib/baresip/modules /usr/lib/x86_64-linux-gnu/baresip/modules /usr/lib/aarch64-linux-gnu/baresip/modules; do
  if [ -d "$candidate" ]; then modules_dir="$candidate"; break; fi
done
if [ -z "$modules_dir" ]; then
  echo "start-baresip.sh: baresip modules not found (is baresip-core installed?)" >&2
  exit 1
fi

sip_port="$(node "$here/free-ports.mjs" 1)"
rtp_min=$(( 20000 + (RANDOM % 400) * 100 ))
rtp_max=$(( rtp_min + 99 ))

# net_interface 127.0.0.1: without it baresip offers its eth0 address in the SDP.
# ausine only produces 48 kHz stereo; ausrc_* make baresip resample it to the call's codec.
# aubridge as player: a device that discards what it is given (no sound card in a container).
cat >"$dir/config" <<CONFIG
poll_method epoll
sip_listen 127.0.0.1:$sip_port
net_interface 127.0.0.1
call_local_timeout 120
call_max_calls 4
audio_player aubridge,centralita-bench
audio_alert aubridge,centralita-bench
audio_source ausine,440
ausrc_srate 48000
ausrc_channels 2
rtp_ports $rtp_min-$rtp_max
rtcp_mux no
module_path $modules_dir
module g711.so
module ausine.so
module aubridge.so
module_tmp account.so
CONFIG
echo "<sip:$user@$registrar;transport=udp>;regint=600;answermode=auto;audio_codecs=pcmu" >"$dir/accounts"

baresip -f "$dir" -v </dev/null >"$dir/baresip.log" 2>&1 &
baresip_pid=$!
cat >"$dir/baresip.env" <<ENV
BARESIP_PID=$baresip_pid
BARESIP_SIP_PORT=$sip_port
BARESIP_AOR=sip:$user@127.0.0.1
ENV

# Ready once Kamailio accepted the registration (baresip logs the 200 OK with its binding count).
for _ in $(seq 1 200); do
  if grep -q '200 OK.*binding' "$dir/baresip.log"; then
    echo "rig: baresip pid $baresip_pid sip udp 127.0.0.1:$sip_port registered as $user"
    exit 0
  fi
  if ! kill -0 "$baresip_pid" 2>/dev/null; then break; fi
  sleep 0.05
done
echo "start-baresip.sh: baresip did not register; see $dir/baresip.log" >&2
tail -20 "$dir/baresip.log" >&2
"$here/stop-baresip.sh" "$dir" >/dev/null
exit 1
