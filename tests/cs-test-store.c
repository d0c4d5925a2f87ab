/* cs-test-store.c — helpers for the tests of the store
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-test-pki.h"
#include "cs-test-store.h"
#include "cs-test-util.h"

CsStore *
cs_test_store_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  CsStore *store = cs_store_new (path);

  cs_store_open_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_get_is_open (store));
  return store;
}

CsRecord *
cs_test_store_add (CsStore    *store,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  CsRecord *record = cs_store_create_record_sync (store, name, "", TRUE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

CsSubject *
cs_test_store_subject (const char *cn)
{
  CsSubject *subject = cs_subject_new ();

  cs_subject_set (subject, CS_SUBJECT_COMMON_NAME, cn);
  cs_subject_set (subject, CS_SUBJECT_ORGANIZATION, "Example Org");
  cs_subject_set (subject, CS_SUBJECT_COUNTRY, "DE");
  return subject;
}

void
cs_test_store_make_pki (void)
{
  g_autofree char *root = cs_test_pki_path ("root.pem");

  if (g_file_test (root, G_FILE_TEST_EXISTS))
    return;
  cs_test_pki_make_root ("root", "/CN=Test Root CA/O=Example Org", "ec:P-256", NULL, 3650);
  cs_test_pki_make_ca ("issuing", "/CN=Test Issuing CA/O=Example Org", "root",
                       CS_TEST_PKI_CA_LINES (1), 3000);
}

void
cs_test_store_add_csr (CsStore  *store,
                       CsRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = cs_test_store_subject (cs_record_get_name (record));

  cs_store_generate_key_pair_sync (store, record, CS_KEY_TYPE_EC_P256, FALSE, NULL, &error);
  g_assert_no_error (error);
  cs_store_generate_csr_sync (store, record, subject, CS_DIGEST_SHA256, 0, NULL, FALSE, NULL,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CSRGEN_DONE);
}

char *
cs_test_store_sign (CsStore    *store,
                    CsRecord   *record,
                    const char *ca)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecordDetails) details = cs_store_load_details_sync (store, record, NULL, &error);
  g_autofree char *csr = NULL;
  char *cert;
  static guint counter;

  g_assert_no_error (error);
  csr = g_strdup_printf ("record-%" G_GINT64_FORMAT "-%u.csr", cs_record_get_id (record), ++counter);
  cert = g_strdup_printf ("record-%" G_GINT64_FORMAT "-%u.pem", cs_record_get_id (record), counter);
  cs_test_pki_write (csr, cs_record_details_get_csr_pem (details));
  cs_test_pki_sign (ca, csr, CS_TEST_PKI_CA_LINES (0), NULL, cert);
  return cert;
}

void
cs_test_store_make_ready (CsStore  *store,
                          CsRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = NULL;
  g_autoptr(GBytes) cert_bytes = NULL;
  g_autoptr(GBytes) chain_bytes = NULL;
  g_autofree char *chain = NULL;

  cs_test_store_make_pki ();
  cs_test_store_add_csr (store, record);
  cert = cs_test_store_sign (store, record, "issuing");
  cert_bytes = cs_test_pki_read_bytes (cert);
  cs_store_upload_certificate_sync (store, record, cert_bytes, cert, NULL, NULL, &error);
  g_assert_no_error (error);
  chain = cs_test_pki_cat ("issuing.pem", "root.pem", NULL);
  chain_bytes = g_bytes_new (chain, strlen (chain));
  cs_store_upload_chain_sync (store, record, chain_bytes, "chain.pem", NULL, NULL, &error);
  g_assert_no_error (error);
  cs_store_finalize_sync (store, record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CERT_READY);
}

CsRecord *
cs_test_store_add_default (CsStore    *store,
                           const char *name)
{
  g_autoptr(GError) error = NULL;
  CsRecord *record = cs_test_store_add (store, name);

  cs_test_store_make_ready (store, record);
  cs_store_make_default_sync (store, record, NULL, &error);
  g_assert_no_error (error);
  return record;
}
