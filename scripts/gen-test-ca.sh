#!/usr/bin/env bash
# A throwaway certificate authority and certificates for remoting TLS on loopback (a laptop cluster, a cluster
# client tried by hand), laid out as cert-manager writes a Secret: DIR/NAME/tls.crt, tls.key and ca.crt.
#
#   scripts/gen-test-ca.sh DIR [NAME...]   names default to: node client
#
# DIR/ca.crt and DIR/ca.key are the authority (kept across runs: run again with new names to issue more);
# each NAME gets a P-256 key and a certificate for server and client use (nodes are both), valid 30 days, for
# 127.0.0.1 and localhost. Then, e.g.:
#   smbsync node --tls-cert DIR/node/tls.crt --tls-key DIR/node/tls.key --tls-ca DIR/node/ca.crt
# Test only: the keys are unencrypted, and whoever holds DIR/ca.key can make certificates the nodes accept.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 DIR [NAME...]" >&2; exit 2; }
command -v openssl >/dev/null || { echo "gen-test-ca.sh: openssl is needed (apt-get install openssl)" >&2; exit 2; }
dir=$1
shift
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(node client)
umask 077
mkdir -p "$dir"

if [ ! -f "$dir/ca.key" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 30 \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" -subj "/CN=smbsync test CA $(date -u +%Y%m%dT%H%M%S)" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi

for name in "${names[@]}"; do
  case $name in
    */* | .* | "") echo "gen-test-ca.sh: '$name' is not a plain name" >&2; exit 2 ;;
  esac
  out="$dir/$name"
  mkdir -p "$out"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
    -keyout "$out/tls.key" -out "$out/tls.csr" -subj "/CN=$name" 2>/dev/null
  openssl x509 -req -in "$out/tls.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -sha256 -days 30 \
    -out "$out/tls.crt" -extfile <(printf '%s\n' \
      "basicConstraints=critical,CA:FALSE" \
      "keyUsage=critical,digitalSignature" \
      "extendedKeyUsage=serverAuth,clientAuth" \
      "subjectAltName=IP:127.0.0.1,DNS:localhost") 2>/dev/null
  rm -f "$out/tls.csr"
  cp "$dir/ca.crt" "$out/ca.crt"
  echo "$out: tls.crt tls.key ca.crt (CN=$name)"
done
