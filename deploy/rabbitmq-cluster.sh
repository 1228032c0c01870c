#!/usr/bin/env bash
# A 3-node RabbitMQ cluster on one machine (distinct node names and ports), for the fault suite
# and for trying Server mode against a cluster. Quorum queues created by the services are then
# replicated on all three nodes (their default initial group size is the cluster size).
#
#   deploy/rabbitmq-cluster.sh start DIR [BASE_PORT]   # nodes c1..c3 on BASE_PORT+1..3 (default 5700;
#                                                      # "auto": a base whose six ports are free)
#   deploy/rabbitmq-cluster.sh stop  DIR
#   deploy/rabbitmq-cluster.sh node  DIR N stop|start  # take one node down / bring it back
#
# Services then use Surveys:RabbitMq:ClusterNodes:0..2 = 127.0.0.1:<port> to fail over.
set -euo pipefail
cmd=${1:?usage: start|stop|node DIR ...}; dir=${2:?DIR}; base=${3:-5700}
bin=/usr/lib/rabbitmq/bin  # the /usr/sbin wrappers switch user and share the system cookie

node_env() { # $1 = node index
  local n=$1 root="$dir/c$1"
  local port; port=$(cat "$dir/base" 2>/dev/null || echo "$base")
  export HOME="$dir" RABBITMQ_NODENAME="c$n@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT=$((port + n)) RABBITMQ_DIST_PORT=$((port + 20000 + n)) \
    RABBITMQ_MNESIA_BASE="$root/mnesia" RABBITMQ_LOG_BASE="$root/log" RABBITMQ_PID_FILE="$root/pid" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
    RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" RABBITMQ_CTL_DIST_PORT_MIN=0 RABBITMQ_CTL_DIST_PORT_MAX=0
}
ctl() { local n=$1; shift; (node_env "$n"; "$bin/rabbitmqctl" -n "c$n@localhost" "$@"); }
start_node() {
  (node_env "$1"; mkdir -p "$dir/c$1"; rm -f "$dir/c$1/pid"; "$bin/rabbitmq-server" -detached)
  ctl "$1" wait --timeout 90 "$dir/c$1/pid" >/dev/null
}

# Every port a node binds (AMQP base+N, Erlang distribution base+20000+N) must be free: a node
# that finds its port taken fails minutes later with an obscure log line, or joins a stranger.
ports_free() { # $1 = base
  python3 - "$1" <<'PY'
import socket, sys
b = int(sys.argv[1])
for p in [b + n for n in (1, 2, 3)] + [b + 20000 + n for n in (1, 2, 3)]:
    s = socket.socket()
    try: s.bind(("127.0.0.1", p))
    except OSError: sys.exit(1)
    finally: s.close()
PY
}

stop_node() { # skips a node that is already down; kills one that does not stop in time
  local pidfile="$dir/c$1/pid" pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  timeout 30 bash -c "$(declare -f node_env ctl); bin=$bin dir=$dir base=$base; ctl $1 stop $pidfile" >/dev/null 2>&1 || kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

case "$cmd" in
  start)
    if [ "$base" = auto ]; then
      # Start at a random offset so concurrent callers rarely probe the same bases.
      base=$((10000 + RANDOM % 2000 * 10))
      until ports_free "$base"; do base=$((base + 10)); [ "$base" -lt 45000 ] || { echo "no free ports" >&2; exit 1; }; done
    elif ! ports_free "$base"; then
      echo "ports $((base + 1))-$((base + 3)) or $((base + 20001))-$((base + 20003)) are in use: pick another BASE_PORT (or auto)" >&2; exit 1
    fi
    mkdir -p "$dir"; echo "$base" > "$dir/base"
    echo '[].' > "$dir/enabled_plugins"; : > "$dir/rabbitmq.conf"; : > "$dir/rabbitmq-env.conf"
    # One Erlang cookie for all three: nodes only cluster with peers that share it.
    [ -f "$dir/.erlang.cookie" ] || { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$dir/.erlang.cookie"; chmod 400 "$dir/.erlang.cookie"; }
    for n in 1 2 3; do start_node "$n" & done; wait
    for n in 2 3; do
      ctl "$n" stop_app >/dev/null; ctl "$n" join_cluster c1@localhost >/dev/null; ctl "$n" start_app >/dev/null
    done
    ctl 1 cluster_status --formatter json | python3 -c 'import json,sys; s=json.load(sys.stdin); print("running nodes:", " ".join(sorted(s["running_nodes"])))'
    ;;
  stop)
    for n in 1 2 3; do stop_node "$n" & done; wait ;;
  node)
    n=${3:?N}; action=${4:?stop|start}
    if [ "$action" = stop ]; then stop_node "$n"; else start_node "$n"; fi ;;
  *) echo "usage: $0 start|stop|node DIR ..." >&2; exit 2 ;;
esac
