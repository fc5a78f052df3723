#!/usr/bin/env bash
# The headless Chromium the HTML report's screenshot tests drive.
#
# Usage: scripts/test-chromium.sh
#   Prints the browser's path on stdout (notes go to stderr): $REEMBED_TEST_CHROMIUM when set, else chromium
#   (or chromium-browser) on PATH, else Debian's chromium, installed with apt-get (needs root).
#   Exits non-zero, saying why, when there is none and it cannot install one.
#   ./test.sh runs it and exports REEMBED_TEST_CHROMIUM=<the path> for the tests.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/.build"

die() { echo "test-chromium: $*" >&2; exit 1; }
note() { echo "test-chromium: $*" >&2; }

find_chromium() {
  local name
  for name in chromium chromium-browser; do
    command -v "$name" && return 0
  done
  return 1
}

install_chromium() {
  [[ $(id -u) -eq 0 ]] || die "chromium is not installed; as root: apt-get install chromium (or set REEMBED_TEST_CHROMIUM)"
  command -v apt-get >/dev/null || die "chromium is not installed and there is no apt-get to install it (set REEMBED_TEST_CHROMIUM)"
  note "installing chromium with apt-get"
  mkdir -p "$build"
  local log="$build/apt-chromium.log"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "apt-get could not install chromium (full log: $log)"
  fi
}

if [[ -n ${REEMBED_TEST_CHROMIUM:-} ]]; then
  [[ -x $REEMBED_TEST_CHROMIUM ]] || die "REEMBED_TEST_CHROMIUM=$REEMBED_TEST_CHROMIUM is not an executable file"
  chromium="$REEMBED_TEST_CHROMIUM"
elif ! chromium="$(find_chromium)"; then
  install_chromium
  chromium="$(find_chromium)" || die "chromium installed but not found on PATH"
fi

# A browser that cannot even report its version (missing libraries, say) would fail every screenshot: say so here.
# Debian's /usr/bin/chromium wrapper prints a harmless shell warning on stderr; only the exit status counts.
"$chromium" --headless --no-sandbox --version >/dev/null 2>&1 || die "$chromium does not run ($chromium --version failed)"
echo "$chromium"
