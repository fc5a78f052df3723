#!/usr/bin/env bash
# Builds everything and runs every test project. Ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log="$(mktemp)"
services_failed=0
services_started=0
cleanup() {
  rm -f "$log"
  # Leave running what was running before (a developer's own start); stop what this run started.
  [[ $services_started -eq 1 ]] && scripts/test-services.sh stop || true
}
trap cleanup EXIT

# Postgres 15 and pgvector on loopback; tests that need one fail (never skip) when its variable is unset.
if ! scripts/test-services.sh status; then
  services_started=1
fi
if scripts/test-services.sh start; then
  eval "$(scripts/test-services.sh env | sed 's/^/export /')"
else
  echo "test services failed to start: the Postgres tests will fail"
  services_failed=1
fi

# A headless Chromium for the HTML report's screenshot tests; they fail (never skip) without one.
chromium_failed=0
if chromium="$(scripts/test-chromium.sh)"; then
  export REEMBED_TEST_CHROMIUM="$chromium"
else
  echo "no headless Chromium: the HTML report's screenshot tests will fail"
  chromium_failed=1
fi

if ! dotnet build Reembed.slnx -c Release --nologo -v q -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The CLI tests run the real launcher; build it now so that no test pays for it.
./reembed --help >/dev/null || { echo "launcher failed"; echo "0 passed, 1 failed"; exit 1; }

dotnet test Reembed.slnx -c Release --no-build --nologo --blame-hang-timeout 15m 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Each test project prints "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..." (or "Failed!").
read -r passed failed skipped < <(grep -aoE 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
  awk -F'[:,]' '{ f += $2; p += $4; s += $6 } END { print p+0, f+0, s+0 }')
projects=$(find tests -name '*.Tests.csproj' | wc -l)
summaries=$(grep -acE 'Failed: +[0-9]+, Passed: +[0-9]+' "$log")
if [[ $status -ne 0 && $failed -eq 0 ]] || [[ $summaries -lt $projects ]]; then
  echo "a test project crashed or reported no summary ($summaries of $projects)"
  failed=$((failed + 1))
  status=1
fi

failed=$((failed + services_failed + chromium_failed))
[[ $services_failed -ne 0 || $chromium_failed -ne 0 ]] && status=1
line="$passed passed, $failed failed"
[[ $skipped -gt 0 ]] && line="$line, $skipped skipped"
echo "$line"
[[ $status -eq 0 && $failed -eq 0 ]]
