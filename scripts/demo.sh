#!/usr/bin/env bash
# The demo: a throwaway Samba on loopback, a sample tree on both sides, a two-way sync, then edits on
# both sides (one of them a conflict) and a second sync that keeps both versions. Reached by
# './smbsync demo'. Needs root (smbd and a Unix user) and the samba package (scripts/test.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

case "${1:-}" in
  -h | --help | -\?)
    echo "Usage: ./smbsync demo"
    echo "Starts a throwaway Samba on loopback, syncs a sample tree both ways, edits both sides (one file on"
    echo "both: a conflict) and syncs again, printing each step. Needs root and the samba package."
    exit 0 ;;
  "") ;;
  *) echo "smbsync demo: takes no arguments; see './smbsync demo --help'" >&2; exit 2 ;;
esac

if [ "$(id -u)" -ne 0 ]; then echo "smbsync demo: run as root (it starts its own smbd)" >&2; exit 2; fi
if ! command -v smbd >/dev/null; then echo "smbsync demo: smbd is missing: apt-get install samba (or run scripts/test.sh once)" >&2; exit 2; fi

work=$(mktemp -d /tmp/smbsync-demo.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
user=smbsyncdemo
export SMBSYNC_PASSWORD="demo-Pa55word!"
mkdir -p "$work"/{private,lock,state,cache,pid,ncalrpc,binddns,log,share,local}
cat >"$work/smb.conf" <<CONF
[global]
  server role = standalone server
  passdb backend = tdbsam:$work/private/passdb.tdb
  private dir = $work/private
  lock directory = $work/lock
  state directory = $work/state
  cache directory = $work/cache
  pid directory = $work/pid
  ncalrpc dir = $work/ncalrpc
  binddns dir = $work/binddns
  log file = $work/log/log.%m
  smb ports = $port
  interfaces = 127.0.0.1
  bind interfaces only = yes
  disable netbios = yes
  load printers = no
  printcap name = /dev/null
  server min protocol = SMB2_02
[share]
  path = $work/share
  read only = no
  force user = root
  valid users = $user
CONF
id "$user" >/dev/null 2>&1 || useradd --no-create-home --shell /usr/sbin/nologin "$user"
printf '%s\n%s\n' "$SMBSYNC_PASSWORD" "$SMBSYNC_PASSWORD" | smbpasswd -c "$work/smb.conf" -a -s "$user" >/dev/null
# Its own session: smbd signals its whole process group when it stops, which would end this script too.
setsid smbd --foreground --no-process-group -s "$work/smb.conf" >"$work/log/smbd.out" 2>&1 &
smbd_pid=$!
trap 'kill $smbd_pid 2>/dev/null || true; wait $smbd_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done

remote="smb://$user@127.0.0.1:$port/share/team"
mkdir -p "$work/share/team/specs" "$work/local/notes"
echo "meeting notes, written on the laptop" >"$work/local/notes/monday.txt"
echo "budget v1" >"$work/local/budget.txt"
echo "spec written on the file server" >"$work/share/team/specs/design.txt"
show() { echo "  local:  $(cd "$work/local" && find . -type f ! -name .smbsync-root | sort | tr '\n' ' ')"; echo "  remote: $(cd "$work/share/team" && find . -type f | sort | tr '\n' ' ')"; }
sync() { echo "\$ smbsync sync $work/local $remote $*"; "$repo/smbsync" sync "$work/local" "$remote" --data-dir "$work/data" "$@"; }

echo "== 1. first sync: the union of both sides"
show
sync
show

echo
echo "== 2. edits on both sides: a new file each, and budget.txt changed on both (a conflict)"
echo "budget v2, edited on the laptop" >"$work/local/budget.txt"; touch -d '-2 minutes' "$work/local/budget.txt"
echo "budget v2, edited on the server by a colleague" >"$work/share/team/budget.txt"
echo "new on the laptop" >"$work/local/notes/tuesday.txt"
echo "new on the server" >"$work/share/team/specs/review.txt"
sync --json
show
echo "  budget.txt (newer, kept its name): $(cat "$work/share/team/budget.txt")"
for copy in "$work/local"/budget\ \(conflict*; do echo "  $(basename "$copy") (the other version, on both sides): $(cat "$copy")"; done

echo
echo "== 3. a sync with nothing to do"
sync
