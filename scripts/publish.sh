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
project="$root/src/SmbSyncCluster.Node/SmbSyncCluster.Node.csproj"
# Precompiling needs the runtime and crossgen packs of the architecture; where the package source lacks
# them, the plain (JIT-compiled) build does the same job, only slower to start.
if [ -n "$rid" ] && dotnet publish "$project" -c Release -o "$out" -nologo -v quiet -r "$rid" --self-contained false -p:PublishReadyToRun=true; then
  exit 0
fi
[ -z "$rid" ] || echo "smbsync: precompiling is not available here; building without it" >&2
dotnet publish "$project" -c Release -o "$out" -nologo -v quiet
