#!/usr/bin/env bash
# The shared-journal tests run a throwaway PostgreSQL cluster from Debian's server binaries (never a
# downloaded one). Install them when missing, so `npm test` works on a fresh machine as README promises.
set -euo pipefail
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's postgresql for the shared-journal tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
else
  echo "The shared-journal tests need Debian's postgresql: sudo apt-get install -y postgresql" >&2
  exit 1
fi
