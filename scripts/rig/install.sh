#!/usr/bin/env bash
# Installs the voice interop rig (Kamailio + rtpengine + sipp + baresip) from Debian, only what
# is missing. Installing starts no service in this container; start.sh starts them on loopback.
set -euo pipefail

# iproute2: start.sh waits for rtpengine's control port with `ss` (absent from minimal images).
packages=(kamailio kamailio-websocket-modules kamailio-utils-modules kamailio-extra-modules
  rtpengine-daemon sip-tester baresip-core iproute2)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "rig: all packages present"
  exit 0
fi

echo "rig: installing ${missing[*]}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  # Never prompt (CI has no terminal): passwordless sudo or a clear failure.
  if ! command -v sudo >/dev/null 2>&1; then
    echo "rig: need root (or passwordless sudo) to apt-get install ${missing[*]}" >&2
    exit 1
  fi
  SUDO=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq </dev/null
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
echo "rig: installed"
