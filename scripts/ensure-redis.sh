#!/usr/bin/env bash
# The Redis tests start real servers (a standalone one and a three-master cluster on loopback
# ports); this installs Debian's redis-server when the machine has none. Run by `npm test`.
set -euo pipefail
if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
  exit 0
fi
echo "reprint tests: installing redis-server from Debian's packages" >&2
if [ "$(id -u)" = 0 ]; then
  SUDO=
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO=sudo
else
  echo "reprint tests: redis-server is missing and this user cannot install it; run: apt-get install redis-server" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends redis-server redis-tools >/dev/null
command -v redis-server >/dev/null
