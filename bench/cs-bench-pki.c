/* cs-bench-pki.c — a root, two CAs and an intermediate, made in memory
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmarks need a chain that passes every check of SPEC §4, made
 * quickly and without files: the test suite's fixtures use the `openssl`
 * command as the independent party, which the benchmarks do not need.
 */

#include "config.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "cs-bench.h"

#define DAY (24 * 60 * 60)

static gboolean
add_extension (X509       *cert,
               X509       *issuer,
               int         nid,
               const char *value)
{
  X509V3_CTX ctx;
  X509_EXTENSION *extension;
  gboolean ok;

  X509V3_set_ctx (&ctx, issuer, cert, NULL, NULL, 0);
  extension = X509V3_EXT_nconf_nid (NULL, &ctx, nid, value);
  ok = extension != NULL && X509_add_ext (cert, extension, -1);
  X509_EXTENSION_free (extension);
  return ok;
}

static gboolean
set_serial (X509 *cert)
{
  BIGNUM *serial = BN_new ();
  gboolean ok;

  ok = serial != NULL && BN_rand (serial, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) &&
       BN_to_ASN1_INTEGER (serial, X509_get_serialNumber (cert)) != NULL;
  BN_free (serial);
  return ok;
}

static gboolean
set_fields (X509            *cert,
            const X509_NAME *subject,
            X509            *issuer,
            EVP_PKEY        *public_key,
            int              days)
{
  time_t now = time (NULL);

  return X509_set_version (cert, X509_VERSION_3) && set_serial (cert) &&
         X509_set_subject_name (cert, subject) &&
         X509_set_issuer_name (cert, issuer != NULL ? X509_get_subject_name (issuer) : subject) &&
         ASN1_TIME_set (X509_getm_notBefore (cert), now - DAY) != NULL &&
         ASN1_TIME_set (X509_getm_notAfter (cert), now + (time_t) days * DAY) != NULL &&
         X509_set_pubkey (cert, public_key);
}

/* A CA certificate for @public_key under @subject, signed by @issuer_key
 * (@issuer NULL: self-signed). @pathlen < 0: none. */
static X509 *
make_ca (const X509_NAME *subject,
         EVP_PKEY        *public_key,
         X509            *issuer,
         EVP_PKEY        *issuer_key,
         int              pathlen,
         int              days)
{
  X509 *cert = X509_new ();
  g_autofree char *constraints = pathlen < 0 ? g_strdup ("critical,CA:TRUE")
                                             : g_strdup_printf ("critical,CA:TRUE,pathlen:%d",
                                                                pathlen);
  gboolean ok;

  ok = cert != NULL && set_fields (cert, subject, issuer, public_key, days) &&
       add_extension (cert, issuer, NID_basic_constraints, constraints) &&
       add_extension (cert, issuer, NID_key_usage, "critical,keyCertSign,cRLSign") &&
       add_extension (cert, issuer, NID_subject_key_identifier, "hash") &&
       (issuer == NULL || add_extension (cert, issuer, NID_authority_key_identifier, "keyid")) &&
       X509_sign (cert, issuer_key, EVP_sha256 ()) > 0;
  g_assert (ok);
  return cert;
}

static X509_NAME *
make_name (const char *common_name)
{
  X509_NAME *name = X509_NAME_new ();

  X509_NAME_add_entry_by_txt (name, "O", MBSTRING_UTF8, (const unsigned char *) "Bench PKI",
                              -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_UTF8, (const unsigned char *) common_name,
                              -1, -1, 0);
  return name;
}

static X509 *
make_named_ca (const char *common_name,
               EVP_PKEY   *key,
               X509       *issuer,
               EVP_PKEY   *issuer_key,
               int         pathlen)
{
  X509_NAME *name = make_name (common_name);
  X509 *cert = make_ca (name, key, issuer, issuer_key, pathlen, 3650);

  X509_NAME_free (name);
  return cert;
}

CsBenchPki *
cs_bench_pki_new (void)
{
  CsBenchPki *pki = g_new0 (CsBenchPki, 1);

  pki->root_key = EVP_PKEY_Q_keygen (NULL, NULL, "RSA", (size_t) 2048);
  pki->ca1_key = EVP_PKEY_Q_keygen (NULL, NULL, "RSA", (size_t) 2048);
  pki->ca2_key = EVP_PKEY_Q_keygen (NULL, NULL, "RSA", (size_t) 2048);
  g_assert (pki->root_key != NULL && pki->ca1_key != NULL && pki->ca2_key != NULL);

  pki->root = make_named_ca ("Bench Root CA", pki->root_key, NULL, pki->root_key, -1);
  pki->ca1 = make_named_ca ("Bench Policy CA", pki->ca1_key, pki->root, pki->root_key, 3);
  pki->ca2 = make_named_ca ("Bench Issuing CA", pki->ca2_key, pki->ca1, pki->ca1_key, 2);
  return pki;
}

void
cs_bench_pki_free (CsBenchPki *pki)
{
  if (pki == NULL)
    return;
  X509_free (pki->root);
  X509_free (pki->ca1);
  X509_free (pki->ca2);
  EVP_PKEY_free (pki->root_key);
  EVP_PKEY_free (pki->ca1_key);
  EVP_PKEY_free (pki->ca2_key);
  g_free (pki);
}

char *
cs_bench_x509_to_pem (X509 *cert)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  char *pem;
  long length;
  int written = PEM_write_bio_X509 (bio, cert);

  g_assert (written == 1);
  length = BIO_get_mem_data (bio, &data);
  pem = g_strndup (data, length);
  BIO_free (bio);
  return pem;
}

X509 *
cs_bench_x509_from_pem (const char *pem)
{
  BIO *bio = BIO_new_mem_buf (pem, -1);
  X509 *cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL);

  BIO_free (bio);
  g_assert (cert != NULL);
  return cert;
}

char *
cs_bench_pki_sign_csr (CsBenchPki *pki,
                       const char *csr_pem,
                       guint       path_length)
{
  BIO *bio = BIO_new_mem_buf (csr_pem, -1);
  X509_REQ *req = PEM_read_bio_X509_REQ (bio, NULL, NULL, NULL);
  X509 *cert;
  char *pem;

  BIO_free (bio);
  g_assert (req != NULL);
  cert = make_ca (X509_REQ_get_subject_name (req), X509_REQ_get0_pubkey (req), pki->ca2,
                  pki->ca2_key, (int) path_length, 365);
  pem = cs_bench_x509_to_pem (cert);
  X509_free (cert);
  X509_REQ_free (req);
  return pem;
}

char *
cs_bench_pki_chain_pem (CsBenchPki *pki)
{
  g_autofree char *ca2 = cs_bench_x509_to_pem (pki->ca2);
  g_autofree char *ca1 = cs_bench_x509_to_pem (pki->ca1);
  g_autofree char *root = cs_bench_x509_to_pem (pki->root);

  return g_strconcat (ca2, ca1, root, NULL);
}
