#!/usr/bin/env bash
# The Redis tests start real servers (a standalone one and a three-master cluster on loopback
# ports); this installs Debian's redis-server when the machine has none. Run by `npm test`.
set -euo pipefail
if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
  exit 0
fi
. "$(dirname "$0")/apt-install.sh"
apt_install redis-server redis-server redis-tools
command -v redis-server >/dev/null
