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
echo "reprint tests: installing chromium from Debian's packages" >&2
if [ "$(id -u)" = 0 ]; then
  SUDO=
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO=sudo
else
  echo "reprint tests: chromium is missing and this user cannot install it; run: apt-get install chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null
