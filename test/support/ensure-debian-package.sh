#!/usr/bin/env bash
# Some tests drive real programs from Debian's packages (never downloaded ones): Chromium for the
# editor's browser tests, PostgreSQL for the shared journal. Installs PACKAGE when no file matches
# GLOB, so `npm test` works on a fresh machine as README promises.
# Usage: ensure-debian-package.sh PACKAGE GLOB WHAT-FOR
set -euo pipefail
package=$1 glob=$2 purpose=$3
compgen -G "$glob" >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's $package for $purpose…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
else
  echo "$purpose need Debian's $package: sudo apt-get install -y $package" >&2
  exit 1
fi
