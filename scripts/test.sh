#!/usr/bin/env bash
# The test command: `bash scripts/test.sh [extra dotnet test args]`.
# Installs what the tests need (they start their own throwaway PostgreSQL and RabbitMQ), runs every
# test, prints "N passed, N failed, N skipped" and exits with dotnet test's exit code.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

packages=(rabbitmq-server postgresql poppler-utils qpdf chromium chromium-driver nginx python3-yaml)
missing=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v qpdf >/dev/null || missing+=(qpdf)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v nginx >/dev/null || missing+=(nginx)  # deploy/validate.py checks the proxy config with nginx -t
python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)

if ((${#missing[@]})); then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing test dependencies (missing: ${missing[*]}); this takes about a minute..."
    log=$(mktemp /tmp/surveys-apt.XXXXXX.log)
    # Tests start their own servers: keep apt from starting the system ones where nothing else does.
    added_policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && added_policy=1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt_rc=0
    { apt-get update -q && apt-get install -y -q -o DPkg::Lock::Timeout=300 "${packages[@]}"; } >"$log" 2>&1 || apt_rc=$?
    [ -z "$added_policy" ] || rm -f /usr/sbin/policy-rc.d
    if [ "$apt_rc" -ne 0 ]; then
      cat "$log" >&2
      echo "scripts/test.sh: apt-get failed (exit $apt_rc); full log above and in $log" >&2
      exit 1
    fi
    rm -f "$log"
    echo "Installed: ${packages[*]}"
  else
    echo "scripts/test.sh: missing test dependencies: ${missing[*]}" >&2
    echo "Install them as root, then run this again:" >&2
    echo "  apt-get update && apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
fi

# Tells the tests that a missing PostgreSQL/RabbitMQ is a failure, never a reason to skip.
export SURVEYS_REQUIRE_SERVERS=1
results=artifacts/test-results
mkdir -p "$results"
find "$results" -name '*.trx' -delete  # stale results would skew the summary

rc=0
dotnet test Surveys.sln -c Release \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" || rc=$?

mapfile -t trx < <(find "$results" -name '*.trx')
if ((${#trx[@]} == 0)); then
  echo "scripts/test.sh: no TRX results in $results (did the build fail?)" >&2
fi
if command -v python3 >/dev/null; then
  python3 - "${trx[@]}" <<'PY' || echo "scripts/test.sh: could not read the TRX results" >&2
import sys, xml.etree.ElementTree as ET
counts = {"passed": 0, "failed": 0, "skipped": 0}
for path in sys.argv[1:]:
    for e in ET.parse(path).iter():
        if e.tag.rsplit("}", 1)[-1] == "UnitTestResult":
            outcome = e.get("outcome", "")
            key = "passed" if outcome == "Passed" else "failed" if outcome in ("Failed", "Error", "Timeout", "Aborted") else "skipped"
            counts[key] += 1
print(f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
PY
else
  count() { cat /dev/null "${trx[@]}" | grep -oE "<UnitTestResult [^>]*outcome=\"($1)\"" | wc -l || true; }
  echo "$(count Passed) passed, $(count 'Failed|Error|Timeout|Aborted') failed, $(count 'NotExecuted|Inconclusive|Pending|Warning') skipped"
fi
exit "$rc"
