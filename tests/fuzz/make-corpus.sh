#!/usr/bin/env bash
# tests/fuzz/make-corpus.sh — how the fuzzers' fixtures and seed corpora were
# made. Run once; its output is committed, so that the harnesses and the
# replay test see the same bytes every time:
#
#   fuzz-fixtures.h             the harnesses' fixed inputs, as PEM constants:
#                               a test P-256 key (made for this purpose only;
#                               it protects nothing), its request, and an
#                               intermediate certificate for it, issued by a
#                               middle CA under a root
#   corpus/upload-certificate/  seeds for the certificate bytes
#   corpus/upload-chain/        seeds for the chain bytes
#   corpus/csr/                 seeds for cs_csr_info_new_from_pem()
#
# The corpus files named crash-* are inputs the fuzzers found crashing (kept
# as regression tests once fixed); this script leaves them alone.
#
# Every certificate is valid for 100 years from the day it was made, so the
# harnesses' fixed "now" (2030-01-01) lies inside every validity.
#
# Copyright 2026 The Chainsmith authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

ca_lines () {
  printf 'basicConstraints=critical,CA:TRUE,pathlen:%s\nkeyUsage=critical,keyCertSign,cRLSign\n' "$1"
  printf 'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n'
}
key () { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
# sign CA CSR OUT [extra extension lines] [extra options]
sign () {
  { ca_lines 1; printf '%b' "${4:-}"; } > "$3.ext"
  # shellcheck disable=SC2086
  openssl x509 -req -in "$2" -CA "$1.pem" -CAkey "$1.key" -set_serial "0x$(openssl rand -hex 8)" \
    -extfile "$3.ext" -days 36500 ${5:--sha256} -out "$3" 2>/dev/null
}

# The PKI: root → mid → int (the record's certificate).
key root.key
printf '[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n' > root.cnf
openssl req -x509 -new -key root.key -subj '/CN=Fuzz Root/O=Chainsmith Tests' -days 36600 \
  -config root.cnf -extensions v3 -out root.pem
key mid.key
openssl req -new -key mid.key -subj '/CN=Fuzz Middle/O=Chainsmith Tests' -out mid.csr
{ printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n'
  printf 'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n'; } > mid.ext
openssl x509 -req -in mid.csr -CA root.pem -CAkey root.key -set_serial 0x1001 -extfile mid.ext \
  -days 36550 -sha256 -out mid.pem 2>/dev/null
key int.key
openssl req -new -key int.key -subj '/CN=Fuzz Intermediate/O=Chainsmith Tests/C=DE' -sha256 \
  -addext 'basicConstraints=critical,CA:TRUE,pathlen:1' \
  -addext 'keyUsage=critical,keyCertSign,cRLSign' -out int.csr
sign mid int.csr int.pem

# The header.
{
  echo '/* fuzz-fixtures.h — made by tests/fuzz/make-corpus.sh; do not edit.'
  echo ' *'
  echo ' * A test key made for the fuzzers only: it protects nothing.'
  echo ' */'
  echo
  echo '#pragma once'
  for name in key:int.key csr:int.csr certificate:int.pem chain:mid.pem+root.pem; do
    echo
    echo "static const char fuzz_${name%%:*}_pem[] ="
    files=${name#*:}
    cat ${files//+/ } | sed 's/.*/  "&\\n"/'
    echo '  ;'
  done
} > "$here/fuzz-fixtures.h"

# Certificates with one thing wrong each, for the certificate corpus.
printf 'keyUsage=critical,keyCertSign,cRLSign\n' > nobc.ext
openssl x509 -req -in int.csr -CA mid.pem -CAkey mid.key -set_serial 0x2001 -extfile nobc.ext \
  -days 36500 -out nobc.pem 2>/dev/null
sign mid int.csr eku.pem 'extendedKeyUsage=clientAuth\n'
sign mid int.csr anyeku.pem 'extendedKeyUsage=anyExtendedKeyUsage\n'
sign mid int.csr nc.pem 'nameConstraints=critical,permitted;DNS:example.com,excluded;IP:10.0.0.0/255.0.0.0\n'
sign mid int.csr san.pem 'subjectAltName=DNS:example.com,email:a@example.com,URI:https://example.com/\ncertificatePolicies=2.5.29.32.0\ncrlDistributionPoints=URI:http://example.com/ca.crl\nauthorityInfoAccess=caIssuers;URI:http://example.com/ca.crt\n'
sign mid int.csr sha1.pem '' -sha1
sign root int.csr byroot.pem
key other.key
openssl req -new -key other.key -subj '/CN=Fuzz Intermediate/O=Chainsmith Tests/C=DE' -out other.csr
sign mid other.csr otherkey.pem
openssl req -new -key int.key -subj '/CN=Someone Else/O=Other/C=FR' -out othercn.csr
sign mid othercn.csr othercn.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.key 2>/dev/null
openssl req -x509 -new -key rsa1024.key -subj '/CN=Weak' -days 36500 -sha256 -out weak.pem
openssl x509 -in int.pem -outform DER -out int.der
openssl req -in int.csr -outform DER -out int-csr.der
openssl pkey -in other.key -pubout -out pub.pem
printf '[ca]\ndefault_ca=d\n[d]\ndatabase=index\nnew_certs_dir=.\ndefault_md=sha256\n' > ca.cnf
: > index
openssl ca -gencrl -config ca.cnf -cert mid.pem -keyfile mid.key -crldays 36500 -out crl.pem 2>/dev/null
openssl crl2pkcs7 -nocrl -certfile int.pem -certfile mid.pem -out bundle.p7b
openssl crl2pkcs7 -nocrl -certfile int.pem -outform DER -out bundle-der.p7b

c=$here/corpus/upload-certificate
mkdir -p "$c" && find "$c" -type f ! -name 'crash-*' -delete
cp int.pem "$c/good.pem"; cp int.der "$c/good.der"
cat int.pem mid.pem > "$c/two-certificates.pem"
cp other.key "$c/private-key.pem"
cp int.csr "$c/csr.pem"; cp int-csr.der "$c/csr.der"
cp crl.pem "$c/crl.pem"; cp bundle.p7b "$c/bundle.p7b"; cp bundle-der.p7b "$c/bundle-der.p7b"
cp pub.pem "$c/public-key.pem"
for f in nobc eku anyeku nc san sha1 byroot otherkey othercn weak; do cp "$f.pem" "$c/$f.pem"; done
sed '3s/A/!/' int.pem > "$c/bad-base64.pem"
head -c 300 int.pem > "$c/truncated.pem"
printf 'junk before\r\n' | cat - int.pem > "$c/text-around.pem"

c=$here/corpus/upload-chain
mkdir -p "$c" && find "$c" -type f ! -name 'crash-*' -delete
cat mid.pem root.pem > "$c/good.pem"
cat root.pem mid.pem > "$c/top-down.pem"
cp mid.pem "$c/no-root.pem"
openssl x509 -in mid.pem -outform DER -out "$c/mid.der"
cat int.pem mid.pem root.pem > "$c/with-intermediate.pem"
cat mid.pem mid.pem root.pem root.pem > "$c/duplicates.pem"
cat mid.pem root.pem weak.pem > "$c/unrelated.pem"
cp root.pem "$c/gap.pem"
cp bundle.p7b "$c/bundle.p7b"
cp other.key "$c/private-key.pem"
# A loop: "Loop A" signs "Loop B" and "Loop B" signs "Loop A" (same keys).
key la.key; key lb.key; cp lb.key lb0.key
openssl req -x509 -new -key lb.key -subj '/CN=Loop B' -days 36500 -config root.cnf -extensions v3 -out lb0.pem
openssl req -new -key la.key -subj '/CN=Loop A' -out la.csr
openssl req -new -key lb.key -subj '/CN=Loop B' -out lb.csr
sign lb0 la.csr la.pem
cp la.key la2.key; cp la.pem la2.pem
sign la2 lb.csr lb.pem
cat la.pem lb.pem > "$c/loop.pem"
# 17 self-signed certificates: over the limit.
for i in $(seq 1 17); do
  openssl req -x509 -new -key other.key -subj "/CN=Chain $i" -days 36500 -out "n$i.pem"
done
cat n*.pem > "$c/seventeen.pem"

c=$here/corpus/csr
mkdir -p "$c" && find "$c" -type f ! -name 'crash-*' -delete
cp int.csr "$c/ec.pem"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.key 2>/dev/null
openssl req -new -key rsa.key -sha384 -subj '/CN=RSA Request/O=Org/OU=Unit/L=City/ST=State/C=DE' \
  -addext 'basicConstraints=critical,CA:TRUE,pathlen:0' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
  -addext 'subjectAltName=DNS:example.com' -addext 'extendedKeyUsage=serverAuth' -out "$c/rsa.pem"
openssl req -new -key other.key -utf8 -subj '/CN=Zertifikatsstelle Ü/O=Müller & Söhne/C=AT' -sha512 \
  -out "$c/utf8.pem"
openssl req -new -key other.key -subj '/CN=No Extensions' -out "$c/plain.pem"
openssl req -new -key other.key -subj '/CN=New Header' -out nh.csr
sed 's/CERTIFICATE REQUEST/NEW CERTIFICATE REQUEST/' nh.csr > "$c/new-header.pem"
# A request whose signature does not verify: one byte of the signature changed.
openssl req -in int.csr -outform DER -out sig.der
size=$(stat -c %s sig.der)
printf '\x00' | dd of=sig.der bs=1 seek=$((size - 5)) conv=notrunc 2>/dev/null
openssl req -inform DER -in sig.der -out "$c/bad-signature.pem" 2>/dev/null ||
  { echo '-----BEGIN CERTIFICATE REQUEST-----'; base64 -w 64 sig.der; echo '-----END CERTIFICATE REQUEST-----'; } > "$c/bad-signature.pem"
cp int.pem "$c/certificate.pem"
head -c 200 int.csr > "$c/truncated.pem"

ls -l "$here"/corpus/* | awk '{ s += $5 } END { print "corpus bytes:", s }'
