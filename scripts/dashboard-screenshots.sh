#!/usr/bin/env bash
# Takes the screenshots of the dashboard that docs/ and the README show (docs/screenshots/*.png, or OUTDIR): the
# browser tests (tests/SmbSyncCluster.Dashboard.Tests) save each page they check when SMBSYNC_DASHBOARD_SCREENSHOTS
# names a directory. Needs what the tests need (Samba, Chromium: scripts/test.sh installs them). Not part of CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/docs/screenshots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$root"
dotnet build tests/SmbSyncCluster.Dashboard.Tests -c Release -nologo -v quiet
SMBSYNC_DASHBOARD_SCREENSHOTS="$out" dotnet test tests/SmbSyncCluster.Dashboard.Tests -c Release --no-build -nologo
ls -1 "$out"/*.png
