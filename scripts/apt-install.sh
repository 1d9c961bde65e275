#!/usr/bin/env bash
# Installs Debian packages for the test suite, as root or with passwordless sudo; otherwise says
# what to run. Sourced by ensure-redis.sh and ensure-chromium.sh: apt_install <what> <package...>
apt_install() {
  local what=$1
  shift
  echo "reprint tests: installing $what from Debian's packages" >&2
  local sudo
  if [ "$(id -u)" = 0 ]; then
    sudo=
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=sudo
  else
    echo "reprint tests: $what is missing and this user cannot install it; run: apt-get install $*" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
