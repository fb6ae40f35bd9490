#!/usr/bin/env bash
# The demo: a throwaway Samba on loopback, a sample tree on both sides, two syncs with a conflict.
# Reached by './smbsync demo'.
set -euo pipefail
cd "$(dirname "$0")/.."
cat <<'MSG'
smbsync demo: the sync engine has not landed yet, so there is nothing real to show.

What is here today:
  - the SMB test fixtures (a real smbd on a loopback port) and their tests: scripts/test.sh
  - the CLI contract: ./smbsync --help

When 'smbsync sync' lands, this script starts a throwaway Samba, syncs a sample tree both ways,
edits both sides (including a conflict) and syncs again.
MSG
