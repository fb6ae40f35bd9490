#!/usr/bin/env bash
# Runs what scripts/dist.sh built (default dist/) the way an operator would: the linux-x64 tarball extracted
# outside the checkout, run there with an empty HOME and none of this environment's variables: --help, a
# one-shot sync of two local directories, a node started by the executable answering `jobs` from the same
# executable (a job created and synced through it) and serving its dashboard, then the .NET tool installed from
# the package and its --help. Exits non-zero at the first thing that is wrong; stops the node it started.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dist="$(cd "${1:-$root/dist}" && pwd)"
rid=linux-x64

fail() { echo "dist-smoke: $*" >&2; exit 1; }
shopt -s nullglob
tarballs=("$dist"/smbsync-*-"$rid".tar.gz)
[ ${#tarballs[@]} -eq 1 ] || fail "expected one smbsync-VERSION-$rid.tar.gz in $dist, found ${#tarballs[@]}"
name=$(basename "${tarballs[0]}" .tar.gz)
version=${name#smbsync-}
version=${version%-"$rid"}

work=$(mktemp -d /tmp/smbsync-dist-smoke.XXXXXX)
node_pid=""
# Running, as opposed to exited (a child that exited stays a zombie until waited for, and kill -0 finds it).
alive() { local state; state=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) && [ "$state" != Z ]; }
# SIGTERM, up to 80 s to leave the cluster and exit (the node allows itself 75 s), SIGKILL after that; returns the node's exit status.
stop_node() {
  local pid=$node_pid status=0
  node_pid=""
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 160); do alive "$pid" || break; sleep 0.5; done
  alive "$pid" && kill -KILL "$pid" 2>/dev/null
  wait "$pid" || status=$?
  return $status
}
cleanup() {
  [ -z "$node_pid" ] || stop_node || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home" "$work/run"
tar -xzf "${tarballs[0]}" -C "$work"
smbsync="$work/$name/smbsync"
[ -x "$smbsync" ] || fail "$name.tar.gz holds no executable $name/smbsync"
cd "$work/run"
clean_env=(env -i HOME="$work/home" PATH="$PATH" TMPDIR="$work")
# Every command is bounded, so that a hang fails the run instead of holding CI.
run() { timeout 120 "${clean_env[@]}" "$@"; }

echo "dist-smoke: $smbsync ($(du -m "$smbsync" | cut -f1) MB)"
run "$smbsync" --help > help.txt || fail "--help exited $?"
grep -q '^Usage:' help.txt || fail "--help printed no usage: $(head -3 help.txt)"
run "$smbsync" --version > version.txt || fail "--version exited $?"
[ "$(cat version.txt)" = "$version" ] || fail "--version printed '$(cat version.txt)', not $version"

# One-shot sync; REMOTE may be a local path.
mkdir -p a/docs b
printf 'alpha\n' > a/one.txt
printf 'beta\n' > a/docs/two.txt
run "$smbsync" sync a b > sync.txt 2>&1 || fail "sync exited $?: $(cat sync.txt)"
cmp a/one.txt b/one.txt && cmp a/docs/two.txt b/docs/two.txt || fail "sync left b/ without a/'s files: $(cat sync.txt)"

# A port nobody listens on (bash connects to it: refused means free).
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  fail "no free port found"
}
http_port=$(free_port)
remoting_port=$(free_port)
server="http://127.0.0.1:$http_port"
mkdir -m 700 data
mkdir -p roots/src/sub roots/dst
printf 'gamma\n' > roots/src/three.txt
printf 'delta\n' > roots/src/sub/four.txt
# Not through run(): $! must be the node itself (env execs it), not a subshell, for SIGTERM to reach it.
"${clean_env[@]}" "$smbsync" node --http "$server" --port "$remoting_port" --data-dir "$work/run/data" --local-root "$work/run/roots" > node.log 2>&1 &
node_pid=$!
for _ in $(seq 1 120); do
  run "$smbsync" jobs list --server "$server" > list.txt 2>&1 && break
  alive "$node_pid" || fail "the node exited: $(tail -20 node.log)"
  sleep 0.5
done
grep -q '^no jobs$' list.txt || fail "jobs list did not answer 'no jobs': $(cat list.txt)"
# The dashboard's pages and scripts come from inside the executable.
run curl -fsS "$server/" > dashboard.html || fail "the dashboard at / did not answer"
grep -q '<title>Jobs' dashboard.html || fail "/ is not the dashboard: $(head -5 dashboard.html)"
run curl -fsS "$server/ui/jobs.js" > jobs.js || fail "the dashboard's script /ui/jobs.js did not answer"
run "$smbsync" jobs create smoke --local "$work/run/roots/src" --remote "$work/run/roots/dst" --server "$server" > create.txt 2>&1 \
  || fail "jobs create exited $?: $(cat create.txt)"
run "$smbsync" jobs sync smoke --follow --server "$server" > jobsync.txt 2>&1 || fail "jobs sync exited $?: $(cat jobsync.txt)"
cmp roots/src/three.txt roots/dst/three.txt && cmp roots/src/sub/four.txt roots/dst/sub/four.txt \
  || fail "the job left roots/dst without roots/src's files: $(cat jobsync.txt)"
run "$smbsync" jobs list --server "$server" > list.txt 2>&1 || fail "jobs list exited $?"
grep -q '^smoke  *completed ' list.txt || fail "jobs list does not show the job completed: $(cat list.txt)"
status=0
stop_node || status=$?
[ "$status" -eq 0 ] || fail "the node exited $status on SIGTERM: $(tail -20 node.log)"

# The .NET tool, from the package beside the tarballs (the SDK installs it; the tree's NuGet settings do not apply).
run DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet tool install --tool-path "$work/tools" --add-source "$dist" smbsync --version "$version" > tool.txt 2>&1 \
  || fail "dotnet tool install exited $?: $(cat tool.txt)"
run "$work/tools/smbsync" --help > tool-help.txt || fail "the tool's --help exited $?"
cmp help.txt tool-help.txt || fail "the tool's --help differs from the executable's"
echo "dist-smoke: ok (--help, sync, node + jobs + dashboard, dotnet tool) for smbsync $version $rid"
