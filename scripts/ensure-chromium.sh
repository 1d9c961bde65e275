#!/usr/bin/env bash
# The HTML report's browser test (test/browser/) opens the report in a real Chromium through
# playwright-core; this installs Debian's chromium when the machine has none. Run by `npm test`.
# REPRINT_CHROMIUM names another Chromium or Chrome binary and skips the install.
set -euo pipefail
if [ -n "${REPRINT_CHROMIUM:-}" ] && [ -x "$REPRINT_CHROMIUM" ]; then
  exit 0
fi
if command -v chromium >/dev/null; then
  exit 0
fi
. "$(dirname "$0")/apt-install.sh"
apt_install chromium chromium
command -v chromium >/dev/null
