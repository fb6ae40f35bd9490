#!/usr/bin/env bash
# Installs what the test suite needs (Samba and its AD DC, smbclient, krb5-user, PostgreSQL, Chromium, curl from
# the OS packages) when it is
# missing, then builds and runs every test project, then builds the linux-x64 executable and tool package
# operators install (scripts/dist.sh) and runs them (scripts/dist-smoke.sh). This is the README's test
# command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

have_postgres() {
  command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

missing=()
command -v smbd >/dev/null 2>&1 || [ -x /usr/sbin/smbd ] || missing+=(samba)
command -v smbclient >/dev/null 2>&1 || missing+=(smbclient)
# The Kerberos tests provision a Samba AD DC (samba-tool, the samba daemon) and run kinit.
command -v samba >/dev/null 2>&1 || [ -x /usr/sbin/samba ] || missing+=(samba-ad-dc)
# Only recommended by samba-ad-dc, but provisioning reads its templates.
[ -d /usr/share/samba/setup ] || missing+=(samba-ad-provision)
command -v kinit >/dev/null 2>&1 || missing+=(krb5-user)
have_postgres || missing+=(postgresql)
# The dashboard's browser tests drive the Debian package's Chromium (Playwright downloads no browser here); dist-smoke.sh fetches pages with curl.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: need root to install ${missing[*]} (or install them yourself)" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d keeps the packages from starting their own daemons; the fixtures start their own.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet build SmbSyncCluster.sln -c Release -nologo -v quiet

log=$(mktemp)
status=0
dotnet test SmbSyncCluster.sln -c Release --no-build -nologo \
  --blame-hang-timeout 10m 2>&1 | tee "$log" || status=$?

# The released executable, built as scripts/dist.sh builds it (one RID keeps this about a minute), run by
# itself outside the tree: what the tests above cover from source must hold for what operators download.
dist=$(mktemp -d)
if ! DIST_RIDS=linux-x64 bash scripts/dist.sh "$dist" >/dev/null || ! bash scripts/dist-smoke.sh "$dist"; then
  echo "test.sh: building or running the published executable failed (above)" >&2
  status=1
fi
rm -rf "$dist"

# One closing line over all test assemblies, in the plain 'N passed, N failed' form.
awk '
  /Failed:[ ]+[0-9]+, Passed:[ ]+[0-9]+, Skipped:[ ]+[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i + 1) + 0 }
      if ($i == "Passed:")  { p += $(i + 1) + 0 }
      if ($i == "Skipped:") { s += $(i + 1) + 0 }
    }
  }
  END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }
' "$log"
rm -f "$log"
exit $status
