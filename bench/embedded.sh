#!/usr/bin/env bash
# Embedded-mode benchmark: the API published in Release and started as ONE real process on a fresh
# data directory (SQLite file, in-memory bus, the worker's consumers inside), then bench/LoadHarness.
#   bash bench/embedded.sh                      # 3,000 responses, 32 concurrent clients
#   RESPONSES=5000 CONCURRENCY=16 bash bench/embedded.sh
# Prints the Markdown report on stdout (progress on stderr); BENCH_KEEP=1 keeps the temp folder.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
RESPONSES=${RESPONSES:-3000}
CONCURRENCY=${CONCURRENCY:-32}
# Per checkout: two worktrees benchmarking at once must not share build output.
ART=/tmp/bench-art-embedded-$(pwd | md5sum | cut -c1-8)
say() { echo "[$(date +%T)] $*" >&2; }
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 30000))
    ss -Htln "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
  echo "no free port found" >&2; exit 1
}

T=$(mktemp -d /tmp/surveys-bench-embedded.XXXXXX)
API_PID=''
cleanup() {
  set +e
  [ -n "$API_PID" ] && kill "$API_PID" 2>/dev/null && timeout 20 tail --pid="$API_PID" -f /dev/null
  if [ -n "${BENCH_KEEP:-}" ]; then echo "kept $T (logs)" >&2; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "publishing the API (Release)"
# Both the API and the worker it references ship an appsettings.json: the API's own wins (see run.sh).
dotnet publish src/SurveyApi -c Release -o "$T/SurveyApi" --artifacts-path "$ART" -v q -nologo \
  -p:ErrorOnDuplicatePublishOutputFiles=false >"$T/publish.log" 2>&1 || { tail -20 "$T/publish.log" >&2; exit 1; }
dotnet build bench/LoadHarness -c Release --artifacts-path "$ART" -v q -nologo >"$T/build-harness.log" 2>&1 \
  || { cat "$T/build-harness.log" >&2; exit 1; }

KEY=bench-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
API_PORT=$(free_port)
export Surveys__Mode=Embedded Surveys__DataDirectory="$T/data" \
  Surveys__ApiKeys__0__Name=bench Surveys__ApiKeys__0__Key=$KEY Surveys__ApiKeys__0__Roles__0=admin \
  Surveys__ApiKeys__0__Roles__1=intake Surveys__ApiKeys__0__Roles__2=chief \
  Surveys__ResidentRateLimit__PermitsPerMinute=1000000 Logging__LogLevel__Default=Warning DOTNET_NOLOGO=1
say "starting the API (:$API_PORT, data in $T/data)"
(cd "$T/SurveyApi" && exec dotnet SurveyApi.dll --urls "http://127.0.0.1:$API_PORT" >"$T/api.log" 2>&1) &
API_PID=$!
for i in $(seq 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$API_PORT/health/ready" 2>/dev/null && break
  if [ "$i" -eq 120 ] || ! kill -0 "$API_PID" 2>/dev/null; then say "not ready"; tail -n 20 "$T/api.log" >&2; exit 1; fi
  sleep 0.5
done

ARGS=(--embedded --api "http://127.0.0.1:$API_PORT" --key "$KEY" --responses "$RESPONSES" --concurrency "$CONCURRENCY" --api-pid "$API_PID" "$@")
say "dotnet run --project bench/LoadHarness -c Release --artifacts-path $ART --no-build -- ${ARGS[*]}"
rc=0
dotnet run --project bench/LoadHarness -c Release --artifacts-path "$ART" --no-build -- "${ARGS[@]}" || rc=$?
kill -0 "$API_PID" 2>/dev/null || { say "the API exited"; tail -n 30 "$T/api.log" >&2; }
grep -v HealthCheck "$T/api.log" | grep -m5 -E 'fail|error|Error' >&2 || true
exit "$rc"
