/* bench-crypto.c — CSR creation and the upload checks against bare OpenSSL
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-crypto SCRATCH_DIR
 *
 * Each figure of Chainsmith is set beside the OpenSSL primitive operations
 * it cannot avoid, done bare on the same objects: for a CSR, the signature
 * of the request (X509_REQ_sign, same key, same digest); for the upload
 * checks, the one signature of the dry run's test certificate, the
 * verification of each link of the chain (X509_verify) and the path
 * verification of the test certificate (X509_verify_cert). The two are
 * measured in alternation, and each ratio is taken within its pair, so that
 * a shared, drifting machine hits both alike.
 *
 * `openssl req -new` as a process is timed too, for scale: the command
 * reads the key from a file, so the benchmark writes its throwaway key
 * into SCRATCH_DIR for it (and removes it).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>

#include "cs-bench.h"
#include "cs-csr.h"
#include "cs-inspection.h"
#include "cs-key-pair-private.h"

static CsSubject *
bench_subject (void)
{
  CsSubject *subject = cs_subject_new ();

  cs_subject_set (subject, CS_SUBJECT_COMMON_NAME, CS_BENCH_SUBJECT_CN);
  cs_subject_set (subject, CS_SUBJECT_ORGANIZATION, CS_BENCH_SUBJECT_O);
  cs_subject_set (subject, CS_SUBJECT_DEPARTMENT, "Network Security");
  cs_subject_set (subject, CS_SUBJECT_CITY, "Berlin");
  cs_subject_set (subject, CS_SUBJECT_COUNTRY, CS_BENCH_SUBJECT_C);
  return subject;
}

static X509_REQ *
req_from_pem (const char *pem)
{
  BIO *bio = BIO_new_mem_buf (pem, -1);
  X509_REQ *req = PEM_read_bio_X509_REQ (bio, NULL, NULL, NULL);

  BIO_free (bio);
  g_assert (req != NULL);
  return req;
}

/* --- CSR ----------------------------------------------------------- */

/* Chainsmith's figure, the bare primitives the issue sets as its target,
 * and the whole job done bare with OpenSSL's API (parsing, encoding), which
 * is the floor of the stack; the ratios within each round. */
typedef struct
{
  CsBenchSamples *ours;
  CsBenchSamples *bare;
  CsBenchSamples *floor;
  CsBenchSamples *ratio;
  CsBenchSamples *floor_ratio;
} Trio;

static void
trio_init (Trio *trio)
{
  trio->ours = cs_bench_samples_new ();
  trio->bare = cs_bench_samples_new ();
  trio->floor = cs_bench_samples_new ();
  trio->ratio = cs_bench_samples_new ();
  trio->floor_ratio = cs_bench_samples_new ();
}

static void
trio_add (Trio   *trio,
          double  ours,
          double  bare,
          double  floor)
{
  cs_bench_samples_add (trio->ours, ours);
  cs_bench_samples_add (trio->bare, bare);
  cs_bench_samples_add (trio->floor, floor);
  cs_bench_samples_add (trio->ratio, ours / bare);
  cs_bench_samples_add (trio->floor_ratio, ours / floor);
}

static void
trio_clear (Trio *trio)
{
  cs_bench_samples_free (trio->ours);
  cs_bench_samples_free (trio->bare);
  cs_bench_samples_free (trio->floor);
  cs_bench_samples_free (trio->ratio);
  cs_bench_samples_free (trio->floor_ratio);
}

/* One cs_csr_generate(), in ms. (Not inlined, for callgrind's
 * --toggle-collect.) */
static G_GNUC_NO_INLINE double
time_csr (CsKeyPair       *key_pair,
          const CsSubject *subject)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  double start = cs_bench_now_ms ();

  pem = cs_csr_generate (key_pair, subject, CS_DIGEST_SHA256, 1, &error);
  g_assert_no_error (error);
  return cs_bench_now_ms () - start;
}

/* One X509_REQ_sign() of the same request, same key and digest, in ms. */
static G_GNUC_NO_INLINE double
time_bare_csr_sign (X509_REQ *req,
                    EVP_PKEY *pkey,
                    EVP_MD   *md)
{
  double start = cs_bench_now_ms ();
  int signed_length = X509_REQ_sign (req, pkey, md);

  g_assert (signed_length > 0);
  return cs_bench_now_ms () - start;
}

static void
add_request_extension (X509_REQ                  *req,
                       STACK_OF(X509_EXTENSION)  *extensions,
                       int                        nid,
                       const char                *value)
{
  X509V3_CTX ctx;

  X509V3_set_ctx (&ctx, NULL, NULL, req, NULL, 0);
  sk_X509_EXTENSION_push (extensions, X509V3_EXT_nconf_nid (NULL, &ctx, nid, value));
}

/* The same request made straight with OpenSSL's API, as `openssl req`
 * does in-process: subject, public key, the three extensions, signature,
 * PEM. In ms. */
static G_GNUC_NO_INLINE double
time_floor_csr (EVP_PKEY *pkey,
                EVP_MD   *md)
{
  static const char * const subject[][2] = {
    { "C", CS_BENCH_SUBJECT_C }, { "L", "Berlin" }, { "O", CS_BENCH_SUBJECT_O },
    { "OU", "Network Security" }, { "CN", CS_BENCH_SUBJECT_CN },
  };
  double start = cs_bench_now_ms ();
  X509_REQ *req = X509_REQ_new ();
  X509_NAME *name = X509_REQ_get_subject_name (req);
  STACK_OF(X509_EXTENSION) *extensions = sk_X509_EXTENSION_new_null ();
  BIO *bio = BIO_new (BIO_s_mem ());
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (subject); i++)
    X509_NAME_add_entry_by_txt (name, subject[i][0], MBSTRING_UTF8,
                                (const unsigned char *) subject[i][1], -1, -1, 0);
  ok = X509_REQ_set_pubkey (req, pkey);
  add_request_extension (req, extensions, NID_basic_constraints, "critical,CA:TRUE,pathlen:1");
  add_request_extension (req, extensions, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_request_extension (req, extensions, NID_subject_key_identifier, "hash");
  ok = ok && X509_REQ_add_extensions (req, extensions) && X509_REQ_sign (req, pkey, md) > 0 &&
       PEM_write_bio_X509_REQ (bio, req);
  start = cs_bench_now_ms () - start;

  sk_X509_EXTENSION_pop_free (extensions, X509_EXTENSION_free);
  X509_REQ_free (req);
  BIO_free (bio);
  g_assert (ok);
  return start;
}

static void
bench_csr_for (CsKeyType   key_type,
               const char *label,
               gboolean    with_target,
               guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsKeyPair) key_pair = cs_key_pair_generate (key_type, NULL, &error);
  g_autoptr(CsSubject) subject = bench_subject ();
  g_autofree char *pem = NULL;
  g_autofree char *name = NULL;
  EVP_MD *md = EVP_MD_fetch (NULL, "SHA256", NULL);
  X509_REQ *req;
  Trio trio;

  g_assert_no_error (error);
  pem = cs_csr_generate (key_pair, subject, CS_DIGEST_SHA256, 1, &error);
  g_assert_no_error (error);
  req = req_from_pem (pem);
  trio_init (&trio);

  for (guint i = 0; i < runs + runs / 10; i++)
    {
      double ours = time_csr (key_pair, subject);
      double bare = time_bare_csr_sign (req, cs_key_pair_get_pkey (key_pair), md);
      double floor = time_floor_csr (cs_key_pair_get_pkey (key_pair), md);

      if (i >= runs / 10)    /* the first tenth warms up */
        trio_add (&trio, ours, bare, floor);
    }

  name = g_strdup_printf ("csr (%s): cs_csr_generate", label);
  cs_bench_report (name, trio.ours, "ms", CS_BENCH_INFO, 0);
  g_free (name);
  name = g_strdup_printf ("csr (%s): bare X509_REQ_sign", label);
  cs_bench_report (name, trio.bare, "ms", CS_BENCH_INFO, 0);
  g_free (name);
  name = g_strdup_printf ("csr (%s): ours / bare sign", label);
  cs_bench_report (name, trio.ratio, "×", with_target ? CS_BENCH_AT_MOST : CS_BENCH_INFO, 1.10);
  g_free (name);
  name = g_strdup_printf ("  (%s: ours / same request built bare with OpenSSL)", label);
  cs_bench_report (name, trio.floor_ratio, "×", CS_BENCH_INFO, 0);

  trio_clear (&trio);
  X509_REQ_free (req);
  EVP_MD_free (md);
}

/* `openssl req -new` with the same key, subject, extensions and digest. */
static void
bench_openssl_req (const char *scratch,
                   guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsKeyPair) key_pair = cs_key_pair_generate (CS_KEY_TYPE_RSA_2048, NULL, &error);
  g_autoptr(GBytes) key_pem = NULL;
  g_autoptr(CsBenchSamples) samples = cs_bench_samples_new ();
  g_autofree char *key_path = g_build_filename (scratch, "bench-key.pem", NULL);
  g_autofree char *csr_path = g_build_filename (scratch, "bench.csr", NULL);
  const char *argv[] = {
    "openssl", "req", "-new", "-key", key_path, "-sha256",
    "-subj", "/C=" CS_BENCH_SUBJECT_C "/L=Berlin/O=" CS_BENCH_SUBJECT_O
             "/OU=Network Security/CN=" CS_BENCH_SUBJECT_CN,
    "-addext", "basicConstraints=critical,CA:TRUE,pathlen:1",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    "-addext", "subjectKeyIdentifier=hash",
    "-out", csr_path, NULL,
  };

  g_assert_no_error (error);
  key_pem = cs_key_pair_dup_private_pem (key_pair);
  cs_bench_check (g_file_set_contents_full (key_path, g_bytes_get_data (key_pem, NULL),
                                            g_bytes_get_size (key_pem),
                                            G_FILE_SET_CONTENTS_NONE, 0600, NULL));

  for (guint i = 0; i <= runs; i++)
    {
      double start = cs_bench_now_ms ();
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                         &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          cs_bench_note ("openssl req failed: %s", error->message);
          break;
        }
      if (i > 0)
        cs_bench_samples_add (samples, cs_bench_now_ms () - start);
    }
  g_remove (key_path);
  g_remove (csr_path);
  cs_bench_report ("csr (RSA 2048): `openssl req -new` as a process", samples, "ms",
                   CS_BENCH_INFO, 0);
}

/* --- Upload checks ------------------------------------------------- */

typedef struct
{
  CsBenchPki *pki;
  CsKeyPair  *key_pair;
  char       *csr_pem;
  GBytes     *certificate;
  GBytes     *chain;
  X509       *cert;
  X509       *leaf;        /* the dry run's test certificate, unsigned */
  EVP_PKEY   *leaf_key;
  X509_STORE *trust;       /* the root alone */
} Upload;

static X509 *
make_leaf (X509     *issuer,
           EVP_PKEY *leaf_key)
{
  X509 *leaf = X509_new ();
  X509_NAME *name = X509_NAME_new ();
  X509V3_CTX ctx;
  X509_EXTENSION *san;
  time_t now = time (NULL);

  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_UTF8,
                              (const unsigned char *) "inspection-selftest.invalid", -1, -1, 0);
  X509_set_version (leaf, X509_VERSION_3);
  ASN1_INTEGER_set (X509_get_serialNumber (leaf), 1);
  X509_set_subject_name (leaf, name);
  X509_set_issuer_name (leaf, X509_get_subject_name (issuer));
  ASN1_TIME_set (X509_getm_notBefore (leaf), now);
  ASN1_TIME_set (X509_getm_notAfter (leaf), now + 300);
  X509_set_pubkey (leaf, leaf_key);
  X509V3_set_ctx (&ctx, issuer, leaf, NULL, NULL, 0);
  san = X509V3_EXT_nconf_nid (NULL, &ctx, NID_subject_alt_name, "DNS:inspection-selftest.invalid");
  X509_add_ext (leaf, san, -1);
  X509_EXTENSION_free (san);
  X509_NAME_free (name);
  return leaf;
}

static void
upload_init (Upload *upload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = bench_subject ();
  char *certificate, *chain;

  upload->pki = cs_bench_pki_new ();
  upload->key_pair = cs_key_pair_generate (CS_KEY_TYPE_RSA_2048, NULL, &error);
  g_assert_no_error (error);
  upload->csr_pem = cs_csr_generate (upload->key_pair, subject, CS_DIGEST_SHA256, 1, &error);
  g_assert_no_error (error);
  certificate = cs_bench_pki_sign_csr (upload->pki, upload->csr_pem, 1);
  chain = cs_bench_pki_chain_pem (upload->pki);
  upload->cert = cs_bench_x509_from_pem (certificate);
  upload->certificate = g_bytes_new_take (certificate, strlen (certificate));
  upload->chain = g_bytes_new_take (chain, strlen (chain));

  upload->leaf_key = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "P-256");
  upload->leaf = make_leaf (upload->cert, upload->leaf_key);
  upload->trust = X509_STORE_new ();
  X509_STORE_add_cert (upload->trust, upload->pki->root);
}

static void
upload_clear (Upload *upload)
{
  X509_STORE_free (upload->trust);
  X509_free (upload->leaf);
  EVP_PKEY_free (upload->leaf_key);
  X509_free (upload->cert);
  g_bytes_unref (upload->certificate);
  g_bytes_unref (upload->chain);
  g_free (upload->csr_pem);
  g_object_unref (upload->key_pair);
  cs_bench_pki_free (upload->pki);
}

static CsInspectionReport *
inspect (Upload *upload)
{
  return cs_inspect (upload->key_pair, upload->csr_pem, 1, upload->certificate, upload->chain,
                     NULL);
}

/* The primitives: one signature, three links, one path verification. */
static gboolean
bare_upload_ops (Upload *upload,
                 X509   *cert,
                 X509   *ca2,
                 X509   *ca1,
                 X509   *root)
{
  X509_STORE_CTX *ctx = X509_STORE_CTX_new ();
  STACK_OF(X509) *untrusted = sk_X509_new_null ();
  gboolean ok;

  sk_X509_push (untrusted, cert);
  sk_X509_push (untrusted, ca2);
  sk_X509_push (untrusted, ca1);
  ok = X509_sign (upload->leaf, cs_key_pair_get_pkey (upload->key_pair), EVP_sha256 ()) > 0 &&
       X509_verify (cert, X509_get0_pubkey (ca2)) == 1 &&
       X509_verify (ca2, X509_get0_pubkey (ca1)) == 1 &&
       X509_verify (ca1, X509_get0_pubkey (root)) == 1 &&
       X509_STORE_CTX_init (ctx, upload->trust, upload->leaf, untrusted) &&
       X509_VERIFY_PARAM_set1_host (X509_STORE_CTX_get0_param (ctx),
                                    "inspection-selftest.invalid", 0) &&
       X509_STORE_CTX_set_purpose (ctx, X509_PURPOSE_SSL_SERVER) &&
       X509_verify_cert (ctx) == 1;
  X509_STORE_CTX_free (ctx);
  sk_X509_free (untrusted);
  return ok;
}

/* The bare operations the checks need, on certificates already parsed. */
static G_GNUC_NO_INLINE double
time_bare_upload (Upload *upload)
{
  CsBenchPki *pki = upload->pki;
  double start = cs_bench_now_ms ();
  gboolean ok = bare_upload_ops (upload, upload->cert, pki->ca2, pki->ca1, pki->root);

  start = cs_bench_now_ms () - start;
  g_assert (ok);
  return start;
}

/* The same, with the parsing any checker of these files needs: the
 * certificate, the three of the chain, the request. */
static G_GNUC_NO_INLINE double
time_floor_upload (Upload *upload)
{
  double start = cs_bench_now_ms ();
  BIO *bio = BIO_new_mem_buf (g_bytes_get_data (upload->chain, NULL),
                              (int) g_bytes_get_size (upload->chain));
  BIO *csr_bio = BIO_new_mem_buf (upload->csr_pem, -1);
  X509 *cert;
  X509 *chain[3] = { NULL, };
  X509_REQ *csr = PEM_read_bio_X509_REQ (csr_bio, NULL, NULL, NULL);
  BIO *cert_bio = BIO_new_mem_buf (g_bytes_get_data (upload->certificate, NULL),
                                   (int) g_bytes_get_size (upload->certificate));
  gboolean ok;

  cert = PEM_read_bio_X509 (cert_bio, NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (chain); i++)
    chain[i] = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  ok = csr != NULL && cert != NULL && chain[2] != NULL &&
       bare_upload_ops (upload, cert, chain[0], chain[1], chain[2]);
  start = cs_bench_now_ms () - start;

  for (guint i = 0; i < G_N_ELEMENTS (chain); i++)
    X509_free (chain[i]);
  X509_free (cert);
  X509_REQ_free (csr);
  BIO_free (bio);
  BIO_free (csr_bio);
  BIO_free (cert_bio);
  g_assert (ok);
  return start;
}

static G_GNUC_NO_INLINE double
time_inspect (Upload *upload)
{
  double start = cs_bench_now_ms ();
  g_autoptr(CsInspectionReport) report = inspect (upload);

  start = cs_bench_now_ms () - start;
  g_assert (cs_inspection_report_get_accepted (report));
  return start;
}

static void
bench_upload (guint runs)
{
  Upload upload = { 0, };
  g_autoptr(CsInspectionReport) report = NULL;
  g_autofree char *text = NULL;
  Trio trio;

  upload_init (&upload);
  report = inspect (&upload);
  text = cs_inspection_report_to_text (report);
  if (cs_inspection_report_get_level (report) != CS_CHECK_PASS)
    g_error ("The benchmark's upload does not pass every check:\n%s", text);

  trio_init (&trio);
  for (guint i = 0; i < runs + runs / 10; i++)
    {
      double ours = time_inspect (&upload);
      double bare = time_bare_upload (&upload);
      double floor = time_floor_upload (&upload);

      if (i >= runs / 10)
        trio_add (&trio, ours, bare, floor);
    }
  cs_bench_report ("upload checks (3-certificate chain): cs_inspect", trio.ours, "ms",
                   CS_BENCH_INFO, 0);
  cs_bench_report ("upload checks: bare 1 sign + 3 X509_verify + X509_verify_cert", trio.bare,
                   "ms", CS_BENCH_INFO, 0);
  cs_bench_report ("upload checks: ours / bare", trio.ratio, "×", CS_BENCH_AT_MOST, 1.25);
  cs_bench_report ("  (ours / the same bare, with parsing the 4 certificates and the CSR)",
                   trio.floor_ratio, "×", CS_BENCH_INFO, 0);
  trio_clear (&trio);
  upload_clear (&upload);
}

int
main (int   argc,
      char *argv[])
{
  g_set_prgname ("bench-crypto");
  if (argc != 2)
    {
      g_printerr ("Usage: bench-crypto SCRATCH_DIR\n");
      return 2;
    }

  bench_csr_for (CS_KEY_TYPE_RSA_2048, "RSA 2048", TRUE, cs_bench_runs (200));
  bench_csr_for (CS_KEY_TYPE_EC_P256, "EC P-256", FALSE, cs_bench_runs (200));
  bench_openssl_req (argv[1], cs_bench_runs (20));
  bench_upload (cs_bench_runs (200));
  return 0;
}
