#!/usr/bin/env bash
# Server-mode benchmark (issue 2): a throwaway PostgreSQL and RabbitMQ on loopback ports of their own,
# the API and the worker published in Release and started as real processes, then bench/LoadHarness.
#   bash bench/run.sh                      # 20,000 responses, 64 concurrent clients
#   RESPONSES=5000 CONCURRENCY=32 bash bench/run.sh [extra harness options]
# Prints the Markdown report on stdout (progress on stderr); everything is removed on exit
# (BENCH_KEEP=1 keeps the temp folder with the logs; PG_OPTS adds server options, e.g.
# "-c log_min_duration_statement=0" to see where the database time goes).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
#   CLUSTER=1 WORKERS=2 bash bench/run.sh  # against deploy/rabbitmq-cluster.sh's 3 nodes, 2 worker processes
RESPONSES=${RESPONSES:-20000}
WORKERS=${WORKERS:-1}
CLUSTER=${CLUSTER:-}
CONCURRENCY=${CONCURRENCY:-64}
ART=/tmp/bench-art          # own artifacts folder: never collides with other builds of the repo
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
RMQ=/usr/lib/rabbitmq/bin   # the scripts themselves: the /usr/sbin wrappers switch user and cookie
say() { echo "[$(date +%T)] $*" >&2; }

# A loopback port nobody listens on (random, so parallel runs by other engineers do not clash).
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 30000))
    ss -Htln "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
  echo "no free port found" >&2; exit 1
}

T=$(mktemp -d /tmp/surveys-bench.XXXXXX)
chmod 755 "$T"
PGDIR=$T/pg RDIR=$T/rabbit
NODE=bench$$@localhost
API_PID='' WORKER_PID='' WORKER_PIDS=''
cleanup() {
  set +e
  for pid in $API_PID $WORKER_PIDS; do kill "$pid" 2>/dev/null; done
  for pid in $API_PID $WORKER_PIDS; do timeout 20 tail --pid="$pid" -f /dev/null; kill -9 "$pid" 2>/dev/null; done
  [ -f "$RDIR/pid" ] && timeout 30 "$RMQ/rabbitmqctl" -n "$NODE" stop "$RDIR/pid" >/dev/null 2>&1
  [ -n "$CLUSTER" ] && [ -d "$T/cluster" ] && bash deploy/rabbitmq-cluster.sh stop "$T/cluster"
  [ -f "$PGDIR/data/postmaster.pid" ] && (cd / && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null)
  if [ -n "${BENCH_KEEP:-}" ]; then echo "kept $T (logs)" >&2; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "publishing the API and the worker (Release)"
publish() {  # others may be mid-edit in the repo: a failed build is retried after a minute, twice
  for attempt in 1 2 3; do
    dotnet publish "src/$1" -c Release -o "$T/$1" --artifacts-path "$ART" -v q -nologo \
      >"$T/publish-$1.log" 2>&1 && [ -f "$T/$1/$1.dll" ] && return
    say "publish of $1 failed (attempt $attempt): $(grep -m1 -E 'error' "$T/publish-$1.log" || tail -1 "$T/publish-$1.log")"
    [ "$attempt" -lt 3 ] && sleep 60
  done
  exit 1
}
publish SurveyWorker
publish SurveyApi
dotnet build bench/LoadHarness -c Release --artifacts-path "$ART" -v q -nologo >"$T/build-harness.log" 2>&1 \
  || { cat "$T/build-harness.log" >&2; exit 1; }

PGPORT=$(free_port) AMQP=$(free_port) DIST=$(free_port) API_PORT=$(free_port) WORKER_PORT=$(free_port)
say "PostgreSQL on 127.0.0.1:$PGPORT"
mkdir "$PGDIR" && chown postgres:postgres "$PGDIR"
(cd / && runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >"$T/initdb.log")
# Default durability (fsync on): the worker's commits cost what they would in production.
(cd / && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=300 ${PG_OPTS:-}" start >/dev/null)
(cd / && runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" surveys)
PG_PID=$(head -1 "$PGDIR/data/postmaster.pid")
CONN="Host=127.0.0.1;Port=$PGPORT;Database=surveys;Username=postgres"

VHOST=surveys-bench CLUSTER_ENV=()
if [ -n "$CLUSTER" ]; then
  BASE=$(( ($(free_port) / 10 * 10) % 30000 + 10000 ))
  say "3-node RabbitMQ cluster on 127.0.0.1:$((BASE + 1))-$((BASE + 3))"
  bash deploy/rabbitmq-cluster.sh start "$T/cluster" "$BASE" >&2
  AMQP=$((BASE + 1)) VHOST=/ NODE=c1@localhost BROKER_PID=$(cat "$T/cluster/c1/pid")
  # Each worker lists the nodes starting from a different one, so they spread over the cluster.
  CLUSTER_ENV=(Surveys__RabbitMq__ClusterNodes__0=127.0.0.1:$((BASE + 1)) Surveys__RabbitMq__ClusterNodes__1=127.0.0.1:$((BASE + 2))
    Surveys__RabbitMq__ClusterNodes__2=127.0.0.1:$((BASE + 3)))
  rabbitctl() { HOME=$T/cluster RABBITMQ_CTL_DIST_PORT_MIN=0 RABBITMQ_CTL_DIST_PORT_MAX=0 "$RMQ/rabbitmqctl" -n "$NODE" "$@"; }
else
  say "RabbitMQ node $NODE on 127.0.0.1:$AMQP"
  mkdir -p "$RDIR" && echo '[].' >"$RDIR/enabled_plugins"
  # Written before the first start, so the vhost and its permissions need no rabbitmqctl calls.
  cat >"$RDIR/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$AMQP
default_vhost = surveys-bench
default_user = guest
default_pass = guest
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
EOF
  export RABBITMQ_NODENAME=$NODE RABBITMQ_NODE_PORT=$AMQP RABBITMQ_DIST_PORT=$DIST \
    RABBITMQ_MNESIA_BASE=$RDIR/mnesia RABBITMQ_LOG_BASE=$RDIR/log RABBITMQ_ENABLED_PLUGINS_FILE=$RDIR/enabled_plugins \
    RABBITMQ_PID_FILE=$RDIR/pid RABBITMQ_CONFIG_FILE=$RDIR/rabbitmq.conf ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  "$RMQ/rabbitmq-server" -detached
  "$RMQ/rabbitmqctl" -n "$NODE" wait --timeout 60 "$RDIR/pid" >/dev/null
  BROKER_PID=$(cat "$RDIR/pid")

  rabbitctl() { "$RMQ/rabbitmqctl" -n "$NODE" "$@"; }
fi

# Same secrets for both processes: the worker must read what the API wrote.
KEY=bench-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
key32() { head -c 32 /dev/urandom | base64; }
export Surveys__Mode=Server ConnectionStrings__Surveys="$CONN" \
  Surveys__RabbitMq__Host=127.0.0.1 Surveys__RabbitMq__Port=$AMQP Surveys__RabbitMq__VirtualHost=$VHOST \
  Surveys__RabbitMq__Username=guest Surveys__RabbitMq__Password=guest \
  Surveys__Keys__TokenMac=$(key32) Surveys__Keys__PhoneEncryption=$(key32) Surveys__Keys__PhoneHash=$(key32) \
  Surveys__ApiKeys__0__Name=bench Surveys__ApiKeys__0__Key=$KEY Surveys__ApiKeys__0__Roles__0=admin \
  Surveys__ApiKeys__0__Roles__1=intake Surveys__ApiKeys__0__Roles__2=chief \
  Surveys__ResidentRateLimit__PermitsPerMinute=1000000 Logging__LogLevel__Default=Warning DOTNET_NOLOGO=1

[ ${#CLUSTER_ENV[@]} -gt 0 ] && export "${CLUSTER_ENV[@]}"
say "starting $WORKERS worker(s) (first on :$WORKER_PORT) and the API (:$API_PORT)"
for w in $(seq "$WORKERS"); do
  port=$WORKER_PORT; [ "$w" -gt 1 ] && port=$(free_port)
  (cd "$T/SurveyWorker" && ASPNETCORE_URLS=http://127.0.0.1:$port exec dotnet SurveyWorker.dll >"$T/worker$w.log" 2>&1) &
  WORKER_PIDS="$WORKER_PIDS $!"; [ "$w" -eq 1 ] && WORKER_PID=$! && ln -sf "$T/worker1.log" "$T/worker.log"
done
(cd "$T/SurveyApi" && ASPNETCORE_URLS=http://127.0.0.1:$API_PORT exec dotnet SurveyApi.dll >"$T/api.log" 2>&1) &
API_PID=$!
for port in $WORKER_PORT $API_PORT; do
  for i in $(seq 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null && break
    if [ "$i" -eq 120 ] || ! kill -0 "$API_PID" "$WORKER_PID" 2>/dev/null; then
      say "not ready on :$port"; tail -n 20 "$T/worker.log" "$T/api.log" >&2; exit 1
    fi
    sleep 0.5
  done
done

ARGS=(--api "http://127.0.0.1:$API_PORT" --key "$KEY" --responses "$RESPONSES" --concurrency "$CONCURRENCY"
  --pg "$CONN" --rabbit-port "$AMQP" --vhost "$VHOST" --api-pid "$API_PID" --worker-pid "$WORKER_PID"
  --broker-pid "$BROKER_PID" --pg-pid "$PG_PID" --fast-setup "$@")
say "dotnet run --project bench/LoadHarness -c Release --artifacts-path $ART --no-build -- ${ARGS[*]}"
rc=0
dotnet run --project bench/LoadHarness -c Release --artifacts-path "$ART" --no-build -- "${ARGS[@]}" || rc=$?
kill -0 "$API_PID" "$WORKER_PID" 2>/dev/null || { say "the API or the worker exited"; tail -n 30 "$T/api.log" "$T/worker.log" >&2; }

# Cross-checks from outside the API: stored rows, and nothing parked in the error queue.
psql_() { (cd / && runuser -u postgres -- psql -h 127.0.0.1 -p "$PGPORT" -d surveys -tAc "$1"); }
errors=$(rabbitctl -q list_queues -p "$VHOST" name messages | grep '_error' | tr '\t\n' ' ' || true)
echo "Check: $(psql_ 'SELECT COUNT(*) FROM responses') rows in responses; error queues: ${errors:-none}"
grep -v HealthCheck "$T/worker.log" "$T/api.log" | grep -m5 -E 'fail|error|Error' >&2 || true  # start-up "not ready yet" is expected
exit "$rc"
