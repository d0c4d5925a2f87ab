/* cs-test-pki.h — test fixtures made by the `openssl` command
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The `openssl` command is the independent party of the crypto tests: these
 * helpers make keys, roots, requests and certificates with it, in the test's
 * temporary folder (the working directory of cs_test_sh()). Paths are
 * relative to that folder, or absolute. A CA named N is the pair of files
 * N.key (its private key) and N.pem (its certificate). Every helper fails the
 * test if openssl fails.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The extension lines of an intermediate CA, as Chainsmith's signing
 * instructions give them. */
#define CS_TEST_PKI_CA_LINES(pathlen) \
  "basicConstraints=critical,CA:TRUE,pathlen:" #pathlen "\n" \
  "keyUsage=critical,keyCertSign,cRLSign\n" \
  "subjectKeyIdentifier=hash\n" \
  "authorityKeyIdentifier=keyid\n"

/* The extension lines of a root CA. */
#define CS_TEST_PKI_ROOT_LINES \
  "basicConstraints=critical,CA:TRUE\n" \
  "keyUsage=critical,keyCertSign,cRLSign\n" \
  "subjectKeyIdentifier=hash\n"

/* An absolute path in the test's temporary folder. */
char    *cs_test_pki_path        (const char  *name);

/* Writes @contents to @path. */
void     cs_test_pki_write       (const char  *path,
                                  const char  *contents);

/* The contents of @path, which must exist. */
char    *cs_test_pki_read        (const char  *path);
GBytes  *cs_test_pki_read_bytes  (const char  *path);

/* The contents of the files, one after the other (NULL-terminated list). */
char    *cs_test_pki_cat         (const char  *first,
                                  ...) G_GNUC_NULL_TERMINATED;

/* A private key (PKCS#8 PEM): @algorithm is "rsa:BITS" or "ec:CURVE"
 * ("rsa:2048", "ec:P-256"). */
void     cs_test_pki_make_key    (const char  *key,
                                  const char  *algorithm);

/* A self-signed root CA @name (@name.key, @name.pem) valid for @days, with
 * @lines as its extensions (CS_TEST_PKI_ROOT_LINES when NULL). */
void     cs_test_pki_make_root   (const char  *name,
                                  const char  *subject,
                                  const char  *algorithm,
                                  const char  *lines,
                                  int          days);

/* A request for @key, with @subject ("/CN=…/O=…"). */
void     cs_test_pki_make_csr    (const char  *key,
                                  const char  *subject,
                                  const char  *csr);

/* Signs @csr with the CA @ca by `openssl x509 -req -extfile`, with @lines as
 * the extension file and @options added to the command line (such as
 * "-days 365 -sha1"; "-days 365 -sha256" when NULL). */
void     cs_test_pki_sign        (const char  *ca,
                                  const char  *csr,
                                  const char  *lines,
                                  const char  *options,
                                  const char  *cert);

/* Signs @csr with the CA @ca by `openssl ca`, with given validity dates
 * (as cs_test_pki_date() formats them). */
void     cs_test_pki_sign_dated  (const char  *ca,
                                  const char  *csr,
                                  const char  *lines,
                                  const char  *start,
                                  const char  *end,
                                  const char  *cert);

/* A CA @name (EC P-256 key, @name.key and @name.pem) issued by @issuer. */
void     cs_test_pki_make_ca     (const char  *name,
                                  const char  *subject,
                                  const char  *issuer,
                                  const char  *lines,
                                  int          days);

/* @time as `openssl ca -startdate` wants it: "YYYYMMDDHHMMSSZ". */
char    *cs_test_pki_date        (GDateTime   *time);

/* An empty CRL of the CA @ca, by `openssl ca -gencrl`. */
void     cs_test_pki_make_crl    (const char  *ca,
                                  const char  *crl);

/* Converts a PEM certificate to DER. */
void     cs_test_pki_to_der      (const char  *pem,
                                  const char  *der);

G_END_DECLS
