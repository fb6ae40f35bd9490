#!/usr/bin/env bash
# Builds what operators install without the repository or a .NET SDK, into OUTDIR (default dist/):
#   smbsync-VERSION-RID/smbsync     one self-contained executable per RID (no .NET needed on the machine)
#   smbsync-VERSION-RID.tar.gz      that directory, to download and extract
#   smbsync.VERSION.nupkg           the .NET tool (`dotnet tool install --global --add-source OUTDIR smbsync`)
# RIDs: DIST_RIDS (default "linux-x64 linux-arm64"); the version is DIST_VERSION, else Directory.Build.props's
# <Version>. The executable carries it (--version, and akka.cluster.app-version: during a rolling update Akka puts
# shards on the members of the newest version), so give every build that is deployed a version of its own.
# The container image (deploy/k8s/Dockerfile) runs this for its own architecture and ships the same executable.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out=${1:-$root/dist}
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rids=${DIST_RIDS:-linux-x64 linux-arm64}
project="$root/src/SmbSyncCluster.Node/SmbSyncCluster.Node.csproj"
version=${DIST_VERSION:-$(dotnet msbuild "$project" -nologo -getProperty:Version)}

for rid in $rids; do
  name="smbsync-$version-$rid"
  rm -rf "${out:?}/$name" "$out/$name.tar.gz"
  # Self-contained single file: the runtime, ASP.NET Core and every assembly inside one executable; SQLite's
  # native library too (extracted once, under ~/.net or DOTNET_BUNDLE_EXTRACT_BASE_DIR, at the first start).
  # No trimming: Akka and the JSON serializers find types by reflection. Precompiled (ReadyToRun) like the
  # launcher's build where the package source has the crossgen pack, one image per assembly: single-file
  # publishing otherwise makes one composite image, recompiling the whole framework and LanguageExt.Core
  # (which the project keeps out of precompiling): crossgen took over 20 minutes and 12 GB on 2 cores.
  publish=(dotnet publish "$project" -c Release -r "$rid" --self-contained -o "$out/$name" -nologo -v quiet
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:Version="$version")
  if ! "${publish[@]}" -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=false; then
    echo "dist.sh: precompiling for $rid is not available here; building $rid without it" >&2
    rm -rf "${out:?}/$name"
    "${publish[@]}"
  fi
  # Symbols and API documentation land beside the executable; it needs neither. Anything else there would be
  # a file the executable depends on, which an operator who copies only the executable would lack.
  rm -f "$out/$name"/*.pdb "$out/$name"/*.xml
  if [ "$(ls -A "$out/$name")" != smbsync ]; then
    echo "dist.sh: $out/$name holds more than the executable:" $(ls -A "$out/$name") >&2
    exit 1
  fi
  tar -czf "$out/$name.tar.gz" -C "$out" "$name"
  echo "$out/$name.tar.gz"
done

# The tool is framework-dependent (it runs on the .NET 10 the SDK that installs it brings) and portable.
rm -f "$out"/smbsync.*.nupkg
dotnet pack "$project" -c Release -o "$out" -nologo -v quiet -p:Version="$version"
echo "$out/smbsync.$version.nupkg"
