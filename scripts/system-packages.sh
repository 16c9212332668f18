#!/usr/bin/env bash
# The one place that knows which Debian packages the tests need, and installs the missing ones.
#   scripts/system-packages.sh GROUP...      groups: browser (e2e), voice (interop rig), all
# Only what is missing is installed (apt-get, noninteractive, `apt-get update` at most once per
# call). Without root, passwordless sudo or apt-get it stops at once and prints the one command
# that fixes it, instead of letting a test tier fail minutes later for a missing browser.
# Called by `npm test` (first thing), by .ci/run and by the rig's start scripts.
set -euo pipefail

group_packages() {
  case "$1" in
    # e2e drives Debian's Chromium with playwright-core; browsers are never downloaded.
    browser) echo chromium fonts-liberation fonts-dejavu-core ca-certificates ;;
    # iproute2: the rig waits for rtpengine's control port with `ss` (absent from minimal images),
    # and the network tests make namespaces; iptables drops a share of their media (no netem here).
    voice) echo kamailio kamailio-websocket-modules kamailio-utils-modules kamailio-extra-modules \
      rtpengine-daemon sip-tester baresip-core iproute2 iptables ;;
    all) echo "$(group_packages browser) $(group_packages voice)" ;;
    *) echo "system-packages: unknown group '$1' (browser, voice, all)" >&2; return 2 ;;
  esac
}

if [ "$#" -eq 0 ]; then set -- all; fi
wanted=()
for group in "$@"; do
  # shellcheck disable=SC2207 # the lists are plain words
  wanted+=($(group_packages "$group"))
done

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${wanted[@]}"; do
    if ! is_installed "$pkg"; then missing+=("$pkg"); fi
  done
elif [ ! -x /usr/bin/chromium ]; then
  # Not Debian: nothing to install with, so say what the tests need.
  echo "system-packages: this is not a Debian/Ubuntu machine (no dpkg); install by hand: ${wanted[*]}" >&2
  exit 1
fi

label="$*"
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system-packages ($label): all present"
  exit 0
fi

fix="sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  # Never prompt (CI has no terminal): passwordless sudo or a clear stop.
  if ! command -v sudo >/dev/null 2>&1 || ! sudo -n true 2>/dev/null; then
    echo "system-packages: missing ${missing[*]}; installing needs root. Run once:" >&2
    echo "  $fix" >&2
    exit 1
  fi
  SUDO=(sudo -n)
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-packages: missing ${missing[*]} and there is no apt-get; install them by hand." >&2
  exit 1
fi

echo "system-packages ($label): installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq </dev/null
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
echo "system-packages ($label): installed"
