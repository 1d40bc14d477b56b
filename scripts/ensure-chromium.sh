#!/usr/bin/env bash
# The end-to-end tests drive Debian's chromium through playwright-core (Playwright cannot download its own
# browsers here). Installs it when missing and we are root with apt; otherwise says how and fails.
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "e2e: installing Debian's chromium (one time)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium fonts-dejavu-core >&2
  exit 0
fi
echo "e2e: chromium is missing at $bin. Install it (Debian/Ubuntu: sudo apt-get install -y chromium)" >&2
echo "     or point CHROMIUM_PATH at a Chromium/Chrome binary." >&2
exit 1
