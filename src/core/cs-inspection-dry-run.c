/* cs-inspection-dry-run.c — the "dry-run" row: does a server certificate
 * signed by this intermediate verify as a TLS client would verify it?
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A throwaway leaf for inspection-selftest.invalid (a name that can never
 * be a real site), with the process's test key (test_leaf_key ()), signed in
 * memory by the record's key; verified against the chain's root alone, the
 * intermediate and the other chain members as untrusted, SSL-server purpose
 * and host check, at the inspection's time, under OpenSSL's default rules
 * (not X509_V_FLAG_X509_STRICT, which refuses common real roots). Nothing of
 * the leaf is kept.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "cs-inspection-private.h"
#include "cs-key-pair-private.h"

#define TEST_HOST "inspection-selftest.invalid"
#define TEST_LIFETIME (5 * 60)

typedef struct
{
  int   error;
  int   depth;
  char *label;
} VerifyError;

static void
verify_error_free (gpointer data)
{
  VerifyError *verror = data;

  g_free (verror->label);
  g_free (verror);
}

static gboolean
add_extension (X509        *leaf,
               X509V3_CTX  *ctx,
               int          nid,
               const char  *value)
{
  X509_EXTENSION *extension = X509V3_EXT_nconf_nid (NULL, ctx, nid, value);
  gboolean ok = extension != NULL && X509_add_ext (leaf, extension, -1);

  X509_EXTENSION_free (extension);
  return ok;
}

static gboolean
add_leaf_extensions (X509 *leaf,
                     X509 *issuer)
{
  X509V3_CTX ctx;
  gboolean ok = TRUE;

  X509V3_set_ctx (&ctx, issuer, leaf, NULL, NULL, 0);
  ok &= add_extension (leaf, &ctx, NID_basic_constraints, "critical,CA:FALSE");
  ok &= add_extension (leaf, &ctx, NID_key_usage, "critical,digitalSignature");
  ok &= add_extension (leaf, &ctx, NID_ext_key_usage, "serverAuth");
  ok &= add_extension (leaf, &ctx, NID_subject_alt_name, "DNS:" TEST_HOST);
  ok &= add_extension (leaf, &ctx, NID_subject_key_identifier, "hash");
  /* An intermediate without a subjectKeyIdentifier gives no keyid to
   * point at; the leaf then goes without, as real ones would. */
  if (!add_extension (leaf, &ctx, NID_authority_key_identifier, "keyid"))
    ERR_clear_error ();
  return ok;
}

/* The test leaf's public key: one P-256 key per process, made on first use
 * (GOnce: inspections run in GTask threads). Its private half is dropped at
 * once: the leaf is signed by the record's key and signs nothing itself.
 * What is kept is public and never written anywhere; it is kept for the
 * life of the process, like a registered GType, and never changes, so
 * threads share it (X509_set_pubkey () takes a reference).
 *
 * It is kept as a "legacy" EVP_PKEY (an EC_KEY inside, which
 * d2i_PublicKey () makes; no deprecated call): X509_set_pubkey () encodes
 * such a key directly, whereas a provider's key goes through an
 * OSSL_ENCODER and an OSSL_DECODER in OpenSSL 3.0 — with a fresh key per
 * dry run, a third of the cost of the RSA 2048 signature the dry run needs.
 * NULL if it could not be made (out of memory). */
static gpointer
make_test_leaf_key_cb (gpointer data)
{
  EVP_PKEY *made = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "P-256");
  EVP_PKEY *key = EVP_PKEY_new ();
  unsigned char *point = NULL;
  const unsigned char *p;
  size_t length = made != NULL ? EVP_PKEY_get1_encoded_public_key (made, &point) : 0;
  gboolean ok;

  /* The curve (as an EC_KEY), then the public point alone. */
  p = point;
  ok = length > 0 && key != NULL &&
       EVP_PKEY_set_type (key, EVP_PKEY_EC) &&
       EVP_PKEY_copy_parameters (key, made) &&
       d2i_PublicKey (EVP_PKEY_EC, &key, &p, (long) length) != NULL;

  OPENSSL_free (point);
  EVP_PKEY_free (made);
  ERR_clear_error ();
  if (!ok)
    {
      EVP_PKEY_free (key);
      return NULL;
    }
  return key;
}

static EVP_PKEY *
test_leaf_key (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, make_test_leaf_key_cb, NULL);
}

static gboolean
set_leaf_fields (X509   *leaf,
                 X509   *issuer,
                 time_t  now)
{
  X509_NAME *name = X509_NAME_new ();
  BIGNUM *serial = BN_new ();
  gboolean ok;

  ok = name != NULL && serial != NULL &&
       X509_set_version (leaf, X509_VERSION_3) &&
       BN_rand (serial, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) &&
       BN_to_ASN1_INTEGER (serial, X509_get_serialNumber (leaf)) != NULL &&
       X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_UTF8, (const unsigned char *) TEST_HOST,
                                   -1, -1, 0) &&
       X509_set_subject_name (leaf, name) &&
       X509_set_issuer_name (leaf, X509_get_subject_name (issuer)) &&
       ASN1_TIME_set (X509_getm_notBefore (leaf), now) != NULL &&
       ASN1_TIME_set (X509_getm_notAfter (leaf), now + TEST_LIFETIME) != NULL &&
       test_leaf_key () != NULL &&
       X509_set_pubkey (leaf, test_leaf_key ());

  X509_NAME_free (name);
  BN_free (serial);
  return ok;
}

static const EVP_MD *
signing_digest (CsKeyPair *key_pair)
{
  return cs_key_pair_get_key_type (key_pair) == CS_KEY_TYPE_EC_P384 ? EVP_sha384 () : EVP_sha256 ();
}

/* The test leaf, signed by the record's key as the intermediate. */
static X509 *
make_test_leaf (CsInspection *insp)
{
  X509 *leaf = X509_new ();
  gboolean ok;

  ok = leaf != NULL &&
       set_leaf_fields (leaf, insp->cert, insp->now) &&
       add_leaf_extensions (leaf, insp->cert) &&
       X509_sign (leaf, cs_key_pair_get_pkey (insp->key_pair), signing_digest (insp->key_pair)) > 0;

  if (!ok)
    {
      X509_free (leaf);
      return NULL;
    }
  return leaf;
}

/* Collects every error, and goes on, so that all of them are listed. */
static int
collect_error_cb (int             ok,
                  X509_STORE_CTX *ctx)
{
  GPtrArray *errors = X509_STORE_CTX_get_app_data (ctx);
  X509 *current = X509_STORE_CTX_get_current_cert (ctx);
  VerifyError *verror;

  if (ok)
    return ok;

  verror = g_new0 (VerifyError, 1);
  verror->error = X509_STORE_CTX_get_error (ctx);
  verror->depth = X509_STORE_CTX_get_error_depth (ctx);
  verror->label = current != NULL ? cs_inspection_cert_label (current) : g_strdup ("?");
  g_ptr_array_add (errors, verror);
  return 1;
}

static STACK_OF(X509) *
untrusted_certificates (CsInspection *insp)
{
  STACK_OF(X509) *untrusted = sk_X509_new_null ();

  sk_X509_push (untrusted, insp->cert);
  for (int i = 0; i < sk_X509_num (insp->issuers); i++)
    if (sk_X509_value (insp->issuers, i) != insp->root)
      sk_X509_push (untrusted, sk_X509_value (insp->issuers, i));
  return untrusted;
}

static void
configure_verification (X509_STORE_CTX *ctx,
                        time_t          now,
                        GPtrArray      *errors)
{
  X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param (ctx);

  X509_VERIFY_PARAM_set_purpose (param, X509_PURPOSE_SSL_SERVER);
  X509_VERIFY_PARAM_set1_host (param, TEST_HOST, 0);
  X509_VERIFY_PARAM_set_time (param, now);
  X509_STORE_CTX_set_verify_cb (ctx, collect_error_cb);
  X509_STORE_CTX_set_app_data (ctx, errors);
}

/* Returns every verification error of @leaf (empty when it verifies). */
static GPtrArray *
verify_test_leaf (CsInspection *insp,
                  X509         *leaf)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func (verify_error_free);
  X509_STORE *store = X509_STORE_new ();
  X509_STORE_CTX *ctx = X509_STORE_CTX_new ();
  STACK_OF(X509) *untrusted = untrusted_certificates (insp);

  if (store != NULL && ctx != NULL && X509_STORE_add_cert (store, insp->root) &&
      X509_STORE_CTX_init (ctx, store, leaf, untrusted))
    {
      configure_verification (ctx, insp->now, errors);
      if (X509_verify_cert (ctx) <= 0 && errors->len == 0)
        collect_error_cb (0, ctx);
    }
  else
    {
      VerifyError *verror = g_new0 (VerifyError, 1);

      verror->error = X509_V_ERR_OUT_OF_MEM;
      verror->label = g_strdup (TEST_HOST);
      g_ptr_array_add (errors, verror);
    }

  X509_STORE_CTX_free (ctx);
  X509_STORE_free (store);
  sk_X509_free (untrusted);
  ERR_clear_error ();
  return errors;
}

static gboolean
is_name_constraint_error (int error)
{
  switch (error)
    {
    case X509_V_ERR_PERMITTED_VIOLATION:
    case X509_V_ERR_EXCLUDED_VIOLATION:
    case X509_V_ERR_SUBTREE_MINMAX:
    case X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE:
    case X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX:
    case X509_V_ERR_UNSUPPORTED_NAME_SYNTAX:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The certificate at @depth of the verified path: 0 is the test leaf, 1
 * the intermediate, then its issuers. */
static X509 *
certificate_at (CsInspection *insp,
                int           depth)
{
  if (depth == 1)
    return insp->cert;
  if (depth >= 2 && depth - 2 < sk_X509_num (insp->issuers))
    return sk_X509_value (insp->issuers, depth - 2);
  return NULL;
}

/* Whether the error is one a row above already reports as a warning. */
static gboolean
is_already_warned (CsInspection      *insp,
                   const VerifyError *verror)
{
  X509 *cert;

  if (is_name_constraint_error (verror->error))
    return insp->name_constraints_warned;

  cert = certificate_at (insp, verror->depth);
  return verror->error == X509_V_ERR_INVALID_PURPOSE && cert != NULL &&
         cs_inspection_eku_state (cert, NULL) == CS_EKU_ANY_ONLY;
}

static void
report_errors (CsInspection *insp,
               GPtrArray    *errors)
{
  CsCheck *check = insp->rows[CS_ROW_DRY_RUN];
  CsCheckLevel level = CS_CHECK_WARN;

  for (guint i = 0; i < errors->len; i++)
    if (!is_already_warned (insp, g_ptr_array_index (errors, i)))
      level = CS_CHECK_FAIL;

  if (level == CS_CHECK_FAIL)
    cs_check_add_finding (check, level,
                          _("A test server certificate signed with this intermediate’s key does "
                            "not verify against the root: clients would refuse the inspected "
                            "sites."));
  else
    cs_check_add_finding (check, level,
                          _("A test server certificate signed with this intermediate’s key "
                            "verifies against the root only where the warnings above allow."));

  for (guint i = 0; i < errors->len; i++)
    {
      VerifyError *verror = g_ptr_array_index (errors, i);

      CsCheckLevel error_level = is_already_warned (insp, verror) ? CS_CHECK_WARN : CS_CHECK_FAIL;

      cs_check_add_findingf (check, error_level,
                             _("“%s” (depth %d): %s."), verror->label, verror->depth,
                             X509_verify_cert_error_string (verror->error));
    }
}

static void
run (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_DRY_RUN];
  g_autoptr(GPtrArray) errors = NULL;
  g_autofree char *root = NULL;
  g_autofree char *pass = NULL;
  X509 *leaf;

  leaf = make_test_leaf (insp);
  if (leaf == NULL)
    {
      cs_check_add_finding (check, CS_CHECK_FAIL,
                            _("The test server certificate could not be signed with this record’s "
                              "key."));
      cs_check_complete (check, NULL);
      ERR_clear_error ();
      return;
    }

  errors = verify_test_leaf (insp, leaf);
  X509_free (leaf);
  if (errors->len > 0)
    report_errors (insp, errors);

  root = cs_inspection_cert_label (insp->root);
  pass = g_strdup_printf (_("A test server certificate for %s, signed with this intermediate’s "
                            "key, verifies against the root “%s” alone, as a TLS client would "
                            "verify it."), TEST_HOST, root);
  cs_check_complete (check, pass);
}

/**
 * cs_inspection_dry_run: (skip)
 *
 * The "dry-run" row.
 */
void
cs_inspection_dry_run (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_DRY_RUN];

  if (insp->cert == NULL)
    {
      cs_inspection_not_checked (insp, CS_ROW_DRY_RUN);
      return;
    }
  if (insp->chain_unusable)
    {
      cs_check_set_not_checked (check, _("Not run, because the chain could not be read."));
      cs_check_complete (check, NULL);
      return;
    }
  if (insp->root == NULL)
    {
      cs_check_add_finding (check, CS_CHECK_WARN,
                            _("The dry run could not be run: no root certificate is known. Upload "
                              "the chain up to the root to have it run."));
      cs_check_complete (check, NULL);
      return;
    }

  run (insp);
}
