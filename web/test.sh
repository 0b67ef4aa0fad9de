#!/usr/bin/env bash
# End-to-end test of the in-browser checker: builds web/dist, then drives the
# page in headless Chromium (Debian's chromium, playwright-core from npm) and
# compares its verdicts with the command-line tool's. Exits non-zero on failure.
#
#   web/test.sh
#
# Needs: the Rust toolchain, Node.js with npm, and Debian's chromium
# (/usr/bin/chromium; installed here with apt-get when missing and run as root).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "web/test.sh: Chromium is missing; install Debian's package: apt-get install chromium" >&2
    exit 2
  fi
fi

echo "== building web/dist"
web/build.sh

echo "== building the command-line tool (the verdicts are compared with it)"
cargo build --locked --quiet --bin gcm-review

echo "== installing playwright-core (npm ci)"
(cd web && npm ci --no-audit --no-fund --loglevel=error)

echo "== end-to-end test in headless Chromium"
node web/tests/e2e.mjs
