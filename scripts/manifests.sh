#!/usr/bin/env bash
# Renders a Kustomize directory (default: the example overlay) with kubectl's built-in kustomize and checks it offline:
# every object against the Kubernetes schemas, and deploy/k8s/Dockerfile with a Dockerfile linter (scripts/manifests/,
# installed here from its lock file). Prints the rendered objects as one JSON array: the node tests
# (Deployment/ManifestTests) check them against the node's own settings and routes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir=${1:-$root/deploy/k8s/overlays/example}
tools="$root/scripts/manifests"

command -v kubectl >/dev/null || { echo "manifests.sh: kubectl (with its built-in kustomize) is needed to render $dir" >&2; exit 2; }
command -v npm >/dev/null || { echo "manifests.sh: node and npm are needed for the schema checks" >&2; exit 2; }
# Install only when the lock file changed since the last install (npm ci starts from scratch each time). Test
# fixtures render at the same time: one installs while the others wait, or they would delete each other's files.
exec 9>"$tools/.install.lock"
flock 9
if ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.installed-lock.json"; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >&2)
  cp "$tools/package-lock.json" "$tools/node_modules/.installed-lock.json"
fi
flock -u 9
kubectl kustomize "$dir" | node "$tools/check.mjs" "$root/deploy/k8s/Dockerfile"
