#!/usr/bin/env bash
# The demo: a throwaway Samba on loopback, a sample tree on both sides, two syncs with a conflict.
# Reached by './smbsync demo'.
set -euo pipefail
cd "$(dirname "$0")/.."
cat <<'MSG'
smbsync demo: 'smbsync sync' is not wired to the engine yet, so there is no sync to show.

What is here today, all exercised by scripts/test.sh against a real smbd on a loopback port:
  - the SMB 2/3 client (dialects 2.0.2-3.1.1, signing, encryption, pipelining, reconnect)
  - the sync domain: scan, three-way detection, planning with conflicts, execution
  - jobs as event-sourced, sharded actors with a SQLite or PostgreSQL journal
  - the CLI contract: ./smbsync --help
Benchmarks: dotnet run -c Release --project bench/SmbSyncCluster.Bench

When 'smbsync sync' lands, this script starts a throwaway Samba, syncs a sample tree both ways,
edits both sides (including a conflict) and syncs again.
MSG
