#!/usr/bin/env bash
# Installs the voice interop rig (Kamailio + rtpengine + sipp + baresip) from Debian, only what
# is missing, through the project's one package installer. Installing starts no service in this
# container; start.sh starts them on loopback.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/../system-packages.sh" voice
