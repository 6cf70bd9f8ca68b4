#!/bin/sh
# The browser tests drive Debian's Chromium (never a downloaded browser). Install it where we can
# (root with apt-get); otherwise stop at once with the one command to run.
set -e
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "make: installing Debian's Chromium for the browser tests (apt-get install chromium)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "make: the browser tests need Debian's Chromium at $CHROMIUM; run: sudo apt-get install chromium" >&2
exit 1
