#!/usr/bin/env bash
# Publishes the smbsync executable into DIR, precompiled (ReadyToRun) for this machine's architecture:
# a one-shot sync spends most of its start-up compiling code otherwise (a no-op sync: 1.7 s -> 0.8 s).
# Used by the ./smbsync launcher and the end-to-end benchmark, so both run what users run.
set -euo pipefail
out=${1:?usage: scripts/publish.sh DIR}
root="$(cd "$(dirname "$0")/.." && pwd)"
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) rid="" ;;
esac
if [ -n "$rid" ]; then
  dotnet publish "$root/src/SmbSyncCluster.Node/SmbSyncCluster.Node.csproj" -c Release -o "$out" -nologo -v quiet \
    -r "$rid" --self-contained false -p:PublishReadyToRun=true
else
  dotnet publish "$root/src/SmbSyncCluster.Node/SmbSyncCluster.Node.csproj" -c Release -o "$out" -nologo -v quiet
fi
