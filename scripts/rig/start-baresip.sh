#!/usr/bin/env bash
# Starts baresip (Debian baresip-core), a native SIP user agent, on loopback, headless, with its
# own config in DIR: registered over UDP to the rig's Kamailio (also its outbound proxy, so calls
# to sip:agent@lab.centralita, e.g. a transfer target, go through Kamailio), sending a 440 Hz
# tone, playing into a null bridge. By default it answers every call by itself (the benchmark's
# peer). With --answer manual it only rings; with --control it loads baresip's ctrl_tcp module
# (JSON commands and events in netstrings, loopback) so a test can dial, hang up and read what
# happened (call established, transfer, DTMF received). baresip follows REFER natively (it is
# the transferee in the transfer tests). Writes DIR/baresip.env (BARESIP_PID, BARESIP_SIP_PORT,
# BARESIP_AOR, BARESIP_RTP_PORTS, BARESIP_CTRL_ADDRESS and BARESIP_CTRL_PORT with --control); scripts/rig/stop-baresip.sh
# DIR stops that PID.
#
# --sip-trace writes every SIP message baresip sends or receives to DIR/baresip.log.
# --netns NAME --address ADDR runs baresip inside that network namespace (a test's "home network",
#   made by the test), on ADDR, the namespace's own address; the registrar is then the rig's
#   address on that link (start.sh --phone-address) and ctrl_tcp listens on ADDR.
# --codec opus offers only Opus, with in-band FEC used for lost packets (baresip 1.0 decodes FEC
#   only when opus_packet_loss is above 0) and Opus's own loss concealment; default: PCMU.
# --record writes what baresip plays to DIR/recordings (BARESIP_RECORDINGS): the player is a bridge
#   that paces it in real time, as a sound card would, and loops into baresip's source, where the
#   sndfile module writes it (*-enc.wav; *-dec.wav is the decoder's output before the playout
#   buffer). baresip then sends back what it hears instead of a tone.
#
# --media webrtc answers with a browser's media: ICE and DTLS-SRTP over one port (rtcp-mux), as
#   Kamailio offers it to a user named webrtc-… (the call-setup bench's like-for-like native phone).
#
# usage: start-baresip.sh DIR --registrar 127.0.0.1:PORT [--user baresip] [--answer auto|manual] [--control] [--sip-trace]
#                         [--netns NAME --address ADDR] [--codec pcmu|opus] [--record] [--media plain|webrtc]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:?usage: start-baresip.sh DIR --registrar 127.0.0.1:PORT [--user NAME] [--answer auto|manual] [--control] [--sip-trace]}"
shift
registrar=""
user="baresip"
answer="auto"
control=false
trace=()
netns=""
address="127.0.0.1"
codec="pcmu"
record=false
media="plain"
while [ $# -gt 0 ]; do
  case "$1" in
    --registrar) registrar="$2"; shift 2 ;;
    --user) user="$2"; shift 2 ;;
    --answer) answer="$2"; shift 2 ;;
    --control) control=true; shift ;;
    --sip-trace) trace=(-s); shift ;;
    --netns) netns="$2"; shift 2 ;;
    --address) address="$2"; shift 2 ;;
    --codec) codec="$2"; shift 2 ;;
    --record) record=true; shift ;;
    --media) media="$2"; shift 2 ;;
    *) echo "start-baresip.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
private_ipv4='(10|192\.168|172\.(1[6-9]|2[0-9]|3[01]))\.[0-9]{1,3}\.[0-9]{1,3}(\.[0-9]{1,3})?'
if [ -z "$netns" ]; then
  if [ "$address" != 127.0.0.1 ] || ! [[ "$registrar" =~ ^127\.0\.0\.1:[0-9]{1,5}$ ]]; then
    echo "start-baresip.sh: --registrar must be 127.0.0.1:PORT (the rig is loopback only; --netns for a test namespace)" >&2
    exit 2
  fi
  in_netns=()
else
  # Only a namespace this machine has, and only private addresses on its link.
  if ! [[ "$netns" =~ ^[A-Za-z0-9_.-]{1,64}$ ]] || ! ip netns list | grep -q "^$netns\b"; then
    echo "start-baresip.sh: --netns must name an existing network namespace (got '$netns')" >&2
    exit 2
  fi
  if ! [[ "$address" =~ ^${private_ipv4}$ ]] || ! [[ "$registrar" =~ ^${private_ipv4}:[0-9]{1,5}$ ]]; then
    echo "start-baresip.sh: with --netns, --address and --registrar's host must be private IPv4 addresses on the namespace's link" >&2
    exit 2
  fi
  in_netns=(ip netns exec "$netns")
  if [ "$(id -u)" != 0 ]; then in_netns=(sudo -n "${in_netns[@]}"); fi
fi
if [ "$codec" != pcmu ] && [ "$codec" != opus ]; then
  echo "start-baresip.sh: --codec must be pcmu or opus" >&2
  exit 2
fi
# A leading + lets the user be an E.164 caller number (the hub's screen pop matches it).
if ! [[ "$user" =~ ^\+?[a-z0-9._-]{1,64}$ ]]; then
  echo "start-baresip.sh: --user must be lower-case letters, digits . _ - (an optional leading +)" >&2
  exit 2
fi
if [ "$media" != plain ] && [ "$media" != webrtc ]; then
  echo "start-baresip.sh: --media must be plain or webrtc" >&2
  exit 2
fi
if [ "$answer" != auto ] && [ "$answer" != manual ]; then
  echo "start-baresip.sh: --answer must be auto or manual" >&2
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

read -r sip_port ctrl_port <<<"$(node "$here/free-ports.mjs" 2)"
rtp_min=$(( 20000 + (RANDOM % 400) * 100 ))
rtp_max=$(( rtp_min + 99 ))

# net_interface: without it baresip offers its eth0 address in the SDP.
cat >"$dir/config" <<CONFIG
poll_method epoll
sip_listen $address:$sip_port
net_interface $address
call_local_timeout 120
call_max_calls 4
rtp_ports $rtp_min-$rtp_max
rtcp_mux $([ "$media" = webrtc ] && echo yes || echo no)
module_path $modules_dir
module g711.so
module aubridge.so
CONFIG
if [ "$record" = true ]; then
  # The bridge runs only with both ends connected: it takes 20 ms from the player every 20 ms
  # (an underrun plays silence, as a sound card would) and hands them to the source.
  mkdir -p "$dir/recordings"
  cat >>"$dir/config" <<CONFIG
audio_player aubridge,heard
audio_alert aubridge,alert
audio_source aubridge,heard
auplay_srate 48000
auplay_channels 1
ausrc_srate 48000
ausrc_channels 1
module sndfile.so
snd_path $dir/recordings
CONFIG
else
  # ausine only produces 48 kHz stereo; ausrc_* make baresip resample it to the call's codec.
  # aubridge as player: a device that discards what it is given (no sound card in a container).
  cat >>"$dir/config" <<CONFIG
audio_player aubridge,centralita-bench
audio_alert aubridge,centralita-bench
audio_source ausine,440
ausrc_srate 48000
ausrc_channels 2
module ausine.so
CONFIG
fi
if [ "$codec" = opus ]; then
  # opus_packet_loss above 0 is what makes baresip 1.0 decode a lost packet from the next one's
  # FEC (otherwise only concealment); it also tells its encoder to add FEC.
  cat >>"$dir/config" <<CONFIG
module opus.so
opus_inbandfec yes
opus_packet_loss 5
opus_application voip
CONFIG
fi
if [ "$media" = webrtc ]; then
  printf 'module ice.so\nmodule dtls_srtp.so\n' >>"$dir/config"
  media_params=";medianat=ice;mediaenc=dtls_srtp"
else
  media_params=""
fi
echo "module_tmp account.so" >>"$dir/config"
if [ "$control" = true ]; then
  # menu provides the commands (dial, hangup…); ctrl_tcp carries them and the call events.
  cat >>"$dir/config" <<CONFIG
module_app menu.so
module_app ctrl_tcp.so
ctrl_tcp_listen $address:$ctrl_port
CONFIG
fi
echo "<sip:$user@$registrar;transport=udp>;regint=600;answermode=$answer;audio_codecs=$([ "$codec" = opus ] && echo opus/48000/2 || echo pcmu);outbound=\"sip:$registrar;transport=udp\"$media_params" >"$dir/accounts"

"${in_netns[@]}" baresip -f "$dir" -v "${trace[@]}" </dev/null >"$dir/baresip.log" 2>&1 &
baresip_pid=$!
cat >"$dir/baresip.env" <<ENV
BARESIP_PID=$baresip_pid
BARESIP_SIP_PORT=$sip_port
BARESIP_AOR=sip:$user@$address
BARESIP_RTP_PORTS=$rtp_min-$rtp_max
ENV
if [ "$control" = true ]; then printf 'BARESIP_CTRL_ADDRESS=%s\nBARESIP_CTRL_PORT=%s\n' "$address" "$ctrl_port" >>"$dir/baresip.env"; fi
if [ "$record" = true ]; then echo "BARESIP_RECORDINGS=$dir/recordings" >>"$dir/baresip.env"; fi

# Ready once Kamailio accepted the registration (baresip logs the 200 OK with its binding count).
for _ in $(seq 1 200); do
  if grep -q '200 OK.*binding' "$dir/baresip.log"; then
    echo "rig: baresip pid $baresip_pid sip udp $address:$sip_port${netns:+ (namespace $netns)} registered as $user"
    exit 0
  fi
  if ! kill -0 "$baresip_pid" 2>/dev/null; then break; fi
  sleep 0.05
done
echo "start-baresip.sh: baresip did not register; see $dir/baresip.log" >&2
tail -20 "$dir/baresip.log" >&2
"$here/stop-baresip.sh" "$dir" >/dev/null
exit 1
