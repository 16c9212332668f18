#!/usr/bin/env bash
# Installs the mail interop rig (Dovecot IMAP + LMTP, Postfix) from Debian, only what is missing.
# Postfix is preseeded to "No configuration": the system gets no main.cf and no running daemon;
# start.sh gives every test run its own config, queue and ports.
set -euo pipefail

packages=(dovecot-imapd dovecot-lmtpd postfix)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "mail rig: all packages present"
  exit 0
fi

echo "mail rig: installing ${missing[*]}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  # Never prompt (CI has no terminal): passwordless sudo or a clear failure.
  if ! command -v sudo >/dev/null 2>&1 || ! sudo -n true 2>/dev/null; then
    echo "mail rig: need root (or passwordless sudo) to apt-get install ${missing[*]}" >&2
    exit 1
  fi
  SUDO=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
echo "postfix postfix/main_mailer_type select No configuration" | "${SUDO[@]}" debconf-set-selections
"${SUDO[@]}" apt-get update -qq </dev/null
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
echo "mail rig: installed"
