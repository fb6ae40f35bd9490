#!/usr/bin/env bash
# A local stand-in for the Kubernetes deployment: N `smbsync node` processes on loopback sharing a throwaway
# PostgreSQL journal, joined through static seeds, so that sharding, hand-over and failover can be tried by hand.
#
#   scripts/cluster.sh up [N]   start N nodes (default 3) and print their HTTP fronts
#   scripts/cluster.sh down     SIGTERM every node (each leaves and hands its jobs over), stop PostgreSQL, remove it all
#
# Node i serves HTTP on 8080+i and remoting on 4053+i (node 0 is the default server of `smbsync jobs`); PostgreSQL
# listens on 55432. State lives in $SMBSYNC_CLUSTER_DIR (default /tmp/smbsync-cluster) until `down`, which
# keeps the logs in a new directory under $TMPDIR and says where.
# Needs PostgreSQL's server programs (Debian package postgresql; scripts/test.sh installs it).
set -Eeuo pipefail # -E: the ERR trap of `up` also fires inside the functions it calls
root="$(cd "$(dirname "$0")/.." && pwd)"
dir=${SMBSYNC_CLUSTER_DIR:-/tmp/smbsync-cluster}
pg_port=55432

pg_bin() {
  local tool=$1 found
  found=$(command -v "$tool" || ls -d /usr/lib/postgresql/*/bin/"$tool" 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$found" ] || { echo "cluster.sh: $tool is missing: apt-get install postgresql (or run scripts/test.sh once)" >&2; exit 2; }
  echo "$found"
}

# PostgreSQL refuses to run as root: then it runs as the 'postgres' account, as the test fixtures do.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

up() {
  local count=${1:-3}
  [[ $count =~ ^[1-9][0-9]?$ ]] || { echo "cluster.sh: up takes a number of nodes (1-99), not '$count'" >&2; exit 2; }
  [ ! -e "$dir" ] || { echo "cluster.sh: $dir exists: a cluster is up (scripts/cluster.sh down first)" >&2; exit 2; }
  local initdb pg_ctl ports=("$pg_port") i
  initdb=$(pg_bin initdb)
  pg_ctl=$(pg_bin pg_ctl)
  for ((i = 0; i < count; i++)); do ports+=($((8080 + i)) $((4053 + i))); done
  for port in "${ports[@]}"; do
    if listening "$port"; then echo "cluster.sh: port $port is taken" >&2; exit 2; fi
  done

  # Build once before the nodes start, so that they do not all build at the same time.
  "$root/smbsync" --help >/dev/null

  mkdir -p "$dir/pg"
  trap 'echo "cluster.sh: up failed; cleaning up" >&2; down >&2' ERR
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir/pg"
  as_pg "$initdb" -D "$dir/pg/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C >"$dir/initdb.log"
  as_pg "$pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1" start >/dev/null
  as_pg "$(pg_bin createdb)" -h 127.0.0.1 -p "$pg_port" -U postgres smbsync

  local seeds=()
  for ((i = 0; i < count; i++)); do seeds+=(--seed "127.0.0.1:$((4053 + i))"); done
  for ((i = 0; i < count; i++)); do
    nohup "$root/smbsync" node --http "http://127.0.0.1:$((8080 + i))" --port $((4053 + i)) "${seeds[@]}" \
      --db "postgresql://postgres@127.0.0.1:$pg_port/smbsync" --data-dir "$dir/node$i" >"$dir/node$i.log" 2>&1 &
    echo $! >"$dir/node$i.pid"
  done

  # Ready = an Up member whose journal answers.
  for ((i = 0; i < count; i++)); do
    local url="http://127.0.0.1:$((8080 + i))" deadline=$((SECONDS + 90))
    until curl -sf "$url/health/ready" >/dev/null; do
      if ! kill -0 "$(cat "$dir/node$i.pid")" 2>/dev/null || [ $SECONDS -gt $deadline ]; then
        echo "cluster.sh: node $i did not become ready; its log:" >&2
        tail -n 30 "$dir/node$i.log" >&2
        false # the ERR trap stops what started
      fi
      sleep 0.5
    done
    echo "node $i: $url (remoting 127.0.0.1:$((4053 + i)), log $dir/node$i.log)"
  done
  trap - ERR
  echo "journal: postgresql://postgres@127.0.0.1:$pg_port/smbsync"
  echo "try: ./smbsync jobs list --server http://127.0.0.1:8080; stop with: scripts/cluster.sh down"
}

down() {
  [ -d "$dir" ] || { echo "cluster.sh: no cluster is up ($dir does not exist)"; return 0; }
  local pids=() pid file
  for file in "$dir"/node*.pid; do
    [ -e "$file" ] || continue
    pid=$(cat "$file")
    kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
  done
  # Each node leaves the cluster and hands its shards over before it exits (at most the node's 75 s shutdown timeout).
  local deadline=$((SECONDS + 90))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -le $deadline ]; do sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { echo "cluster.sh: node $pid did not stop in time; killing it" >&2; kill -KILL "$pid"; }
  done
  if [ -f "$dir/pg/data/postmaster.pid" ]; then
    as_pg "$(pg_bin pg_ctl)" -D "$dir/pg/data" -m fast -w stop >/dev/null
  fi
  # The nodes' logs outlive the cluster: they are what tells why a run or a hand-over went wrong.
  local logs
  logs=$(mktemp -d "${TMPDIR:-/tmp}/smbsync-cluster-logs.XXXXXX")
  for file in "$dir"/node*.log "$dir"/node*/smbsync.log "$dir/pg/server.log"; do
    [ -e "$file" ] || continue
    cp "$file" "$logs/$(realpath --relative-to="$dir" "$file" | tr / -)"
  done
  rm -rf "$dir"
  echo "cluster down (${#pids[@]} nodes stopped); logs kept in $logs"
}

case "${1:-}" in
  up) up "${2:-3}" ;;
  down) down ;;
  *) echo "usage: scripts/cluster.sh up [N] | down" >&2; exit 2 ;;
esac
