/* test-record.c — the record model: its states, rules and refusals
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "cs-error.h"
#include "cs-store.h"
#include "cs-test-pki.h"
#include "cs-test-store.h"
#include "cs-test-util.h"

typedef struct
{
  CsStore *store;
  char    *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint counter;

  f->path = g_strdup_printf ("%s/store-%u/chainsmith.db", cs_test_get_tmp_dir (), ++counter);
  f->store = cs_test_store_open (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_free (f->path);
}

/* An independent look at the database, with SQLite directly. */
static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static GListModel *
history (CsStore *store)
{
  g_autoptr(GError) error = NULL;
  GListModel *events = cs_store_load_history_sync (store, NULL, &error);

  g_assert_no_error (error);
  return events;
}

static CsHistoryEvent *
newest_event (CsStore *store)
{
  g_autoptr(GListModel) events = history (store);

  g_assert_cmpuint (g_list_model_get_n_items (events), >, 0);
  return g_list_model_get_item (events, 0);
}

static GBytes *
file_bytes (const char *name)
{
  return cs_test_pki_read_bytes (name);
}

static void
test_state_names (void)
{
  GHashTable *labels = g_hash_table_new (g_str_hash, g_str_equal);

  for (CsRecordState s = 0; s < CS_N_RECORD_STATES; s++)
    {
      CsRecordState back = -1;

      g_assert_true (cs_record_state_from_api_name (cs_record_state_get_api_name (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_cmpint (cs_record_state_is_draft (s), ==, s != CS_RECORD_STATE_CERT_READY);
      g_assert_false (g_hash_table_contains (labels, cs_record_state_get_label (s)));
      g_hash_table_add (labels, (gpointer) cs_record_state_get_label (s));
    }
  g_assert_cmpstr (cs_record_state_get_api_name (CS_RECORD_STATE_CSRGEN_DONE), ==, "CSRGEN_DONE");
  g_assert_cmpstr (cs_record_state_get_label (CS_RECORD_STATE_CSRGEN_DONE), ==,
                   "Draft — CSR generated");
  g_assert_cmpstr (cs_record_state_get_label (CS_RECORD_STATE_CERT_READY), ==, "Ready");
  g_assert_false (cs_record_state_from_api_name ("PUBKEY_DONE", &(CsRecordState) { 0 }));
  g_hash_table_unref (labels);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = NULL;
  g_autoptr(CsHistoryEvent) event = NULL;

  record = cs_store_create_record_sync (f->store, "  Proxy CA 2026 \n", " For Squid ", FALSE,
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_id (record), >, 0);
  g_assert_cmpstr (cs_record_get_name (record), ==, "Proxy CA 2026");
  g_assert_cmpstr (cs_record_get_description (record), ==, "For Squid");
  g_assert_false (cs_record_get_enabled (record));
  g_assert_cmpstr (cs_record_get_status_api_name (record), ==, "DISABLED");
  g_assert_cmpstr (cs_record_get_protection_type (record), ==, "CUSTOM_SW");
  g_assert_cmpstr (cs_record_get_region (record), ==, "GLOBAL");
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_GENERAL_DONE);
  g_assert_false (cs_record_get_has_key (record));
  g_assert_cmpuint (cs_record_get_key_size (record), ==, 0);
  g_assert_null (cs_record_get_public_key (record));
  g_assert_null (cs_record_get_key_generation_time (record));
  g_assert_cmpint (cs_record_get_path_length_constraint (record), ==, -1);
  g_assert_false (cs_record_get_default_certificate (record));
  g_assert_true (g_list_model_get_n_items (cs_store_get_records (f->store)) == 1);
  g_assert_true (cs_store_lookup_by_id (f->store, cs_record_get_id (record)) == record);

  event = newest_event (f->store);
  g_assert_cmpint (cs_history_event_get_kind (event), ==, CS_HISTORY_CREATED);
  g_assert_cmpint (cs_history_event_get_record_id (event), ==, cs_record_get_id (record));
  g_assert_cmpstr (cs_history_event_get_record_name (event), ==, "Proxy CA 2026");
}

static void
assert_create_fails (CsStore    *store,
                     const char *name,
                     CsError     code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = cs_store_create_record_sync (store, name, NULL, TRUE, NULL, &error);

  g_assert_error (error, CS_ERROR, code);
  g_assert_null (record);
}

static void
test_create_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CsRecord) first = cs_test_store_add (f->store, "Alpha");
  g_autofree char *long_name = g_strnfill (101, 'x');
  g_autoptr(GListModel) events = NULL;

  assert_create_fails (f->store, "", CS_ERROR_INVALID_FIELD);
  assert_create_fails (f->store, "   ", CS_ERROR_INVALID_FIELD);
  assert_create_fails (f->store, "two\nlines", CS_ERROR_INVALID_FIELD);
  assert_create_fails (f->store, long_name, CS_ERROR_INVALID_FIELD);
  assert_create_fails (f->store, "Alpha", CS_ERROR_DUPLICATE_NAME);
  assert_create_fails (f->store, " alpha ", CS_ERROR_DUPLICATE_NAME);

  g_assert_cmpuint (g_list_model_get_n_items (cs_store_get_records (f->store)), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM records"), ==, 1);
  events = history (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 GHashTable *counts)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
count (GHashTable *counts,
       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_update_general (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) a = cs_test_store_add (f->store, "Alpha");
  g_autoptr(CsRecord) b = cs_test_store_add (f->store, "Beta");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CsHistoryEvent) event = NULL;

  g_signal_connect (a, "notify", G_CALLBACK (count_notify_cb), counts);

  /* Unchanged values: no notification at all. */
  cs_store_update_general_sync (f->store, a, "Alpha", "", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);

  cs_store_update_general_sync (f->store, a, "beta", "", TRUE, NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_DUPLICATE_NAME);
  g_clear_error (&error);
  g_assert_cmpstr (cs_record_get_name (a), ==, "Alpha");

  cs_store_update_general_sync (f->store, a, "Gamma", "new text", FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_record_get_name (a), ==, "Gamma");
  g_assert_cmpstr (cs_record_get_description (a), ==, "new text");
  g_assert_false (cs_record_get_enabled (a));
  g_assert_cmpuint (count (counts, "name"), ==, 1);
  g_assert_cmpuint (count (counts, "description"), ==, 1);
  g_assert_cmpuint (count (counts, "enabled"), ==, 1);
  g_assert_cmpuint (count (counts, "status-api-name"), ==, 1);
  g_assert_cmpuint (count (counts, "current-state"), ==, 0);
  g_assert_cmpuint (count (counts, "public-key"), ==, 0);

  /* Only the enabled flag: names and descriptions stay. */
  cs_store_set_enabled_sync (f->store, a, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_get_enabled (a));
  g_assert_cmpstr (cs_record_get_name (a), ==, "Gamma");
  g_assert_cmpstr (cs_record_get_description (a), ==, "new text");

  event = newest_event (f->store);
  g_assert_cmpint (cs_history_event_get_kind (event), ==, CS_HISTORY_ENABLED);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM history WHERE kind = 'RENAMED'"
                                       " AND detail = 'Alpha' AND record_name = 'Gamma'"), ==, 1);
  g_assert_cmpstr (cs_record_get_name (b), ==, "Beta");
}

static void
assert_error_unchanged (CsRecord      *record,
                        GError        *error,
                        CsError        code,
                        CsRecordState  state)
{
  g_assert_error (error, CS_ERROR, code);
  g_assert_cmpint (cs_record_get_current_state (record), ==, state);
}

static void
try_all_steps (CsStore       *store,
               CsRecord      *record,
               gboolean       csr_allowed,
               gboolean       cert_allowed,
               gboolean       chain_allowed,
               gboolean       finalize_allowed)
{
  CsRecordState state = cs_record_get_current_state (record);
  g_autoptr(CsSubject) subject = cs_test_store_subject ("x");
  g_autoptr(GBytes) junk = g_bytes_new_static ("junk", 4);
  GError *error = NULL;

  if (!csr_allowed)
    {
      cs_store_generate_csr_sync (store, record, subject, CS_DIGEST_SHA256, 1, NULL, TRUE, NULL, &error);
      assert_error_unchanged (record, error, CS_ERROR_WRONG_STATE, state);
      g_clear_error (&error);
    }
  if (!cert_allowed)
    {
      cs_store_upload_certificate_sync (store, record, junk, "x.pem", NULL, NULL, &error);
      assert_error_unchanged (record, error, CS_ERROR_WRONG_STATE, state);
      g_clear_error (&error);
    }
  if (!chain_allowed)
    {
      cs_store_upload_chain_sync (store, record, junk, "x.pem", NULL, NULL, &error);
      assert_error_unchanged (record, error, CS_ERROR_WRONG_STATE, state);
      g_clear_error (&error);
    }
  if (!finalize_allowed)
    {
      cs_store_finalize_sync (store, record, NULL, &error);
      assert_error_unchanged (record, error, CS_ERROR_WRONG_STATE, state);
      g_clear_error (&error);
    }
  if (state != CS_RECORD_STATE_CERT_READY)
    {
      cs_store_make_default_sync (store, record, NULL, &error);
      assert_error_unchanged (record, error, CS_ERROR_WRONG_STATE, state);
      g_clear_error (&error);
    }
}

static void
test_state_machine (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = cs_test_store_add (f->store, "Machine");
  g_autoptr(CsSubject) subject = cs_test_store_subject ("Machine CA");
  g_autofree char *cert = NULL;
  g_autoptr(GBytes) cert_bytes = NULL;
  g_autoptr(GBytes) chain_bytes = NULL;
  g_autofree char *chain = NULL;

  cs_test_store_make_pki ();
  try_all_steps (f->store, record, FALSE, FALSE, FALSE, FALSE);

  cs_store_generate_key_pair_sync (f->store, record, CS_KEY_TYPE_EC_P256, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_KEYGEN_DONE);
  g_assert_true (cs_record_get_has_key (record));
  g_assert_cmpint (cs_record_get_key_type (record), ==, CS_KEY_TYPE_EC_P256);
  g_assert_cmpuint (cs_record_get_key_size (record), ==, 256);
  g_assert_true (g_str_has_prefix (cs_record_get_public_key (record), "-----BEGIN PUBLIC KEY-----"));
  g_assert_nonnull (cs_record_get_key_fingerprint (record));
  g_assert_nonnull (cs_record_get_key_generation_time (record));
  try_all_steps (f->store, record, TRUE, FALSE, FALSE, FALSE);

  cs_store_generate_csr_sync (f->store, record, subject, CS_DIGEST_SHA384, 0, "machine.csr", FALSE,
                              NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CSRGEN_DONE);
  g_assert_cmpstr (cs_record_get_csr_file_name (record), ==, "machine");
  g_assert_cmpstr (cs_record_get_common_name (record), ==, "Machine CA");
  g_assert_cmpint (cs_record_get_signature_algorithm (record), ==, CS_DIGEST_SHA384);
  g_assert_cmpint (cs_record_get_path_length_constraint (record), ==, 0);
  try_all_steps (f->store, record, TRUE, TRUE, FALSE, FALSE);

  cert = cs_test_store_sign (f->store, record, "issuing");
  cert_bytes = file_bytes (cert);
  cs_store_upload_certificate_sync (f->store, record, cert_bytes, cert, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_INTCERT_UPLOAD_DONE);
  g_assert_cmpstr (cs_record_get_uploaded_cert_file_name (record), ==, cert);
  g_assert_nonnull (cs_record_get_cert_start_date (record));
  g_assert_nonnull (cs_record_get_cert_exp_date (record));
  g_assert_false (cs_record_get_has_chain (record));

  chain = cs_test_pki_cat ("issuing.pem", "root.pem", NULL);
  chain_bytes = g_bytes_new (chain, strlen (chain));
  cs_store_upload_chain_sync (f->store, record, chain_bytes, "/some/where/chain.pem", NULL, NULL,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE);
  g_assert_cmpstr (cs_record_get_uploaded_chain_file_name (record), ==, "chain.pem");
  g_assert_true (cs_record_get_has_chain (record));
  g_assert_true (cs_record_get_has_root (record));

  cs_store_finalize_sync (f->store, record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CERT_READY);
  g_assert_cmpstr (cs_record_get_state_label (record), ==, "Ready");

  /* Ready: the key and the CSR never change, finalize is done. */
  cs_store_generate_key_pair_sync (f->store, record, CS_KEY_TYPE_EC_P256, TRUE, NULL, &error);
  assert_error_unchanged (record, error, CS_ERROR_WRONG_STATE, CS_RECORD_STATE_CERT_READY);
  g_clear_error (&error);
  try_all_steps (f->store, record, FALSE, TRUE, TRUE, FALSE);
}

static void
test_finalize_without_chain (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = cs_test_store_add (f->store, "No chain");
  g_autofree char *cert = NULL;
  g_autoptr(GBytes) bytes = NULL;

  cs_test_store_make_pki ();
  cs_test_store_add_csr (f->store, record);
  cert = cs_test_store_sign (f->store, record, "root");
  bytes = file_bytes (cert);
  cs_store_upload_certificate_sync (f->store, record, bytes, cert, NULL, NULL, &error);
  g_assert_no_error (error);
  cs_store_finalize_sync (f->store, record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CERT_READY);
  g_assert_false (cs_record_get_has_chain (record));
  g_assert_false (cs_record_get_has_root (record));

  /* A renewal of a ready record without a chain. */
  g_clear_pointer (&cert, g_free);
  g_clear_pointer (&bytes, g_bytes_unref);
  cert = cs_test_store_sign (f->store, record, "root");
  bytes = file_bytes (cert);
  cs_store_upload_certificate_sync (f->store, record, bytes, cert, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_record_get_uploaded_cert_file_name (record), ==, cert);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CERT_READY);
}

static void
refused_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  GError **error = data;

  g_assert_false (cs_store_generate_key_pair_finish (CS_STORE (source), result, error));
  g_assert_nonnull (*error);
}

static void
test_keygen_refusals (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) ready = cs_test_store_add (f->store, "Ready");
  g_autoptr(CsRecord) draft = cs_test_store_add (f->store, "Draft");
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *key = NULL;

  cs_test_store_make_ready (f->store, ready);
  key = g_strdup (cs_record_get_public_key (ready));

  /* Refused before any key is generated, through the callback. */
  cs_store_generate_key_pair_async (f->store, ready, CS_KEY_TYPE_EC_P256, TRUE, NULL, refused_cb,
                                    &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, CS_ERROR, CS_ERROR_WRONG_STATE);
  g_clear_error (&error);
  g_assert_cmpstr (cs_record_get_public_key (ready), ==, key);

  g_cancellable_cancel (cancelled);
  cs_store_generate_key_pair_sync (f->store, draft, CS_KEY_TYPE_RSA_2048, FALSE, cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (cs_record_get_has_key (draft));
  g_assert_cmpint (cs_record_get_current_state (draft), ==, CS_RECORD_STATE_GENERAL_DONE);
}

static void
test_subject_and_details (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = cs_test_store_add (f->store, "Subject");
  g_autoptr(CsSubject) subject = cs_test_store_subject ("Subject CA");
  g_autoptr(CsSubject) back = NULL;
  g_autoptr(CsSubject) empty = NULL;
  g_autoptr(CsRecordDetails) details = NULL;
  g_autoptr(CsCsrInfo) info = NULL;

  empty = cs_record_dup_subject (record);
  g_assert_cmpstr (cs_subject_get (empty, CS_SUBJECT_COMMON_NAME), ==, "");

  cs_subject_set (subject, CS_SUBJECT_DEPARTMENT, "PKI");
  cs_subject_set (subject, CS_SUBJECT_CITY, "Lyon");
  cs_subject_set (subject, CS_SUBJECT_STATE, "Rhône");
  cs_store_generate_key_pair_sync (f->store, record, CS_KEY_TYPE_EC_P256, FALSE, NULL, &error);
  g_assert_no_error (error);
  cs_store_generate_csr_sync (f->store, record, subject, CS_DIGEST_SHA256, 1, NULL, FALSE, NULL,
                              &error);
  g_assert_no_error (error);

  back = cs_record_dup_subject (record);
  g_assert_true (cs_subject_equal (back, subject));
  g_assert_cmpstr (cs_record_get_organization (record), ==, "Example Org");
  g_assert_cmpstr (cs_record_get_department (record), ==, "PKI");
  g_assert_cmpstr (cs_record_get_city (record), ==, "Lyon");
  g_assert_cmpstr (cs_record_get_state_or_province (record), ==, "Rhône");
  g_assert_cmpstr (cs_record_get_country (record), ==, "DE");

  /* The stored CSR is the one described, for the stored key. */
  details = cs_store_load_details_sync (f->store, record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_details_get_id (details), ==, cs_record_get_id (record));
  g_assert_null (cs_record_details_get_certificate_pem (details));
  info = cs_csr_info_new_from_pem (cs_record_details_get_csr_pem (details), -1, &error);
  g_assert_no_error (error);
  g_assert_true (cs_subject_equal (cs_csr_info_get_subject (info), subject));
  g_assert_true (cs_csr_info_matches_key (info, cs_record_details_get_key_pair (details)));
  g_assert_cmpint (cs_csr_info_get_path_length (info), ==, 1);
  g_assert_cmpstr (cs_key_pair_get_fingerprint (cs_record_details_get_key_pair (details)), ==,
                   cs_record_get_key_fingerprint (record));
}

static void
test_regenerate_discards (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = cs_test_store_add (f->store, "Regen");
  g_autoptr(CsSubject) subject = cs_test_store_subject ("Regen 2");
  g_autofree char *old_key = NULL;
  g_autofree char *cert = NULL;
  g_autoptr(GBytes) bytes = NULL;

  cs_test_store_make_pki ();
  g_assert_false (cs_record_get_key_regeneration_discards (record));
  cs_test_store_add_csr (f->store, record);
  g_assert_true (cs_record_get_key_regeneration_discards (record));
  g_assert_false (cs_record_get_csr_regeneration_discards (record));
  cert = cs_test_store_sign (f->store, record, "root");
  bytes = file_bytes (cert);
  cs_store_upload_certificate_sync (f->store, record, bytes, cert, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_get_csr_regeneration_discards (record));
  old_key = g_strdup (cs_record_get_public_key (record));

  /* Without the confirmation, nothing moves. */
  cs_store_generate_csr_sync (f->store, record, subject, CS_DIGEST_SHA256, 1, NULL, FALSE, NULL,
                              &error);
  assert_error_unchanged (record, error, CS_ERROR_RULE, CS_RECORD_STATE_INTCERT_UPLOAD_DONE);
  g_clear_error (&error);
  cs_store_generate_key_pair_sync (f->store, record, CS_KEY_TYPE_EC_P256, FALSE, NULL, &error);
  assert_error_unchanged (record, error, CS_ERROR_RULE, CS_RECORD_STATE_INTCERT_UPLOAD_DONE);
  g_clear_error (&error);
  g_assert_cmpstr (cs_record_get_public_key (record), ==, old_key);

  /* A new CSR drops the certificate, keeps the key. */
  cs_store_generate_csr_sync (f->store, record, subject, CS_DIGEST_SHA256, 1, NULL, TRUE, NULL,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CSRGEN_DONE);
  g_assert_cmpstr (cs_record_get_common_name (record), ==, "Regen 2");
  g_assert_cmpint (cs_record_get_path_length_constraint (record), ==, 1);
  g_assert_null (cs_record_get_cert_start_date (record));
  g_assert_cmpstr (cs_record_get_uploaded_cert_file_name (record), ==, "");
  g_assert_cmpstr (cs_record_get_public_key (record), ==, old_key);

  /* A new key drops the CSR. */
  cs_store_generate_key_pair_sync (f->store, record, CS_KEY_TYPE_EC_P384, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_KEYGEN_DONE);
  g_assert_cmpstr (cs_record_get_public_key (record), !=, old_key);
  g_assert_cmpuint (cs_record_get_key_size (record), ==, 384);
  g_assert_cmpstr (cs_record_get_common_name (record), ==, "");
  g_assert_cmpint (cs_record_get_path_length_constraint (record), ==, -1);
  g_assert_null (cs_record_get_csr_generation_time (record));
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM records WHERE csr IS NULL"
                                       " AND certificate IS NULL"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM keys"), ==, 1);
}

static void
test_csr_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = cs_test_store_add (f->store, "Bad CSR");
  g_autoptr(CsSubject) subject = cs_test_store_subject ("ok");

  cs_store_generate_key_pair_sync (f->store, record, CS_KEY_TYPE_EC_P256, FALSE, NULL, &error);
  g_assert_no_error (error);

  cs_store_generate_csr_sync (f->store, record, subject, CS_DIGEST_SHA256, 2, NULL, FALSE, NULL,
                              &error);
  assert_error_unchanged (record, error, CS_ERROR_INVALID_FIELD, CS_RECORD_STATE_KEYGEN_DONE);
  g_clear_error (&error);

  cs_subject_set (subject, CS_SUBJECT_COUNTRY, "XX");
  cs_store_generate_csr_sync (f->store, record, subject, CS_DIGEST_SHA256, 1, NULL, FALSE, NULL,
                              &error);
  assert_error_unchanged (record, error, CS_ERROR_INVALID_FIELD, CS_RECORD_STATE_KEYGEN_DONE);
  g_clear_error (&error);

  cs_subject_set (subject, CS_SUBJECT_COUNTRY, "FR");
  cs_store_generate_csr_sync (f->store, record, subject, CS_DIGEST_SHA256, 1, "a/b", FALSE, NULL,
                              &error);
  assert_error_unchanged (record, error, CS_ERROR_INVALID_FIELD, CS_RECORD_STATE_KEYGEN_DONE);
  g_clear_error (&error);

  /* No file name: the record's name. */
  cs_store_generate_csr_sync (f->store, record, subject, CS_DIGEST_SHA512, 1, "  ", FALSE, NULL,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_record_get_csr_file_name (record), ==, "Bad CSR");
  g_assert_cmpint (cs_record_get_signature_algorithm (record), ==, CS_DIGEST_SHA512);
}

static void
test_failed_upload (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = cs_test_store_add (f->store, "Upload");
  g_autoptr(CsRecord) other = cs_test_store_add (f->store, "Other");
  g_autoptr(CsInspectionReport) report = NULL;
  g_autoptr(GBytes) junk = g_bytes_new_static ("not a certificate\n", 18);
  g_autoptr(GBytes) foreign = NULL;
  g_autofree char *foreign_cert = NULL;
  CsCheck *key_check;

  cs_test_store_make_pki ();
  cs_test_store_add_csr (f->store, record);
  cs_test_store_add_csr (f->store, other);

  cs_store_upload_certificate_sync (f->store, record, junk, "junk.pem", &report, NULL, &error);
  assert_error_unchanged (record, error, CS_ERROR_INVALID_CERTIFICATE, CS_RECORD_STATE_CSRGEN_DONE);
  g_clear_error (&error);
  g_assert_nonnull (report);
  g_assert_false (cs_inspection_report_get_accepted (report));
  g_clear_object (&report);

  /* Signed, but for another record's key. */
  foreign_cert = cs_test_store_sign (f->store, other, "root");
  foreign = file_bytes (foreign_cert);
  cs_store_upload_certificate_sync (f->store, record, foreign, foreign_cert, &report, NULL, &error);
  assert_error_unchanged (record, error, CS_ERROR_INVALID_CERTIFICATE, CS_RECORD_STATE_CSRGEN_DONE);
  key_check = cs_inspection_report_lookup (report, CS_CHECK_ID_KEY);
  g_assert_cmpint (cs_check_get_level (key_check), ==, CS_CHECK_FAIL);
  g_assert_cmpstr (cs_record_get_uploaded_cert_file_name (record), ==, "");
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM records WHERE certificate IS NOT NULL"),
                   ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM history WHERE kind LIKE 'CERT%'"),
                   ==, 0);
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = cs_test_store_add (f->store, "Renewed");
  g_autoptr(CsRecord) other = cs_test_store_add (f->store, "Stranger");
  g_autoptr(CsRecordDetails) before = NULL;
  g_autoptr(CsRecordDetails) after = NULL;
  g_autoptr(CsHistoryEvent) event = NULL;
  g_autoptr(GBytes) renewal = NULL;
  g_autoptr(GBytes) foreign = NULL;
  g_autoptr(GBytes) chain = NULL;
  g_autofree char *renewal_file = NULL;
  g_autofree char *foreign_file = NULL;
  g_autofree char *old_file = NULL;

  cs_test_store_make_ready (f->store, record);
  cs_test_store_add_csr (f->store, other);
  before = cs_store_load_details_sync (f->store, record, NULL, &error);
  g_assert_no_error (error);
  old_file = g_strdup (cs_record_get_uploaded_cert_file_name (record));

  /* A certificate of another key is refused; the stored one stays. */
  foreign_file = cs_test_store_sign (f->store, other, "issuing");
  foreign = file_bytes (foreign_file);
  cs_store_upload_certificate_sync (f->store, record, foreign, foreign_file, NULL, NULL, &error);
  assert_error_unchanged (record, error, CS_ERROR_INVALID_CERTIFICATE, CS_RECORD_STATE_CERT_READY);
  g_clear_error (&error);
  g_assert_cmpstr (cs_record_get_uploaded_cert_file_name (record), ==, old_file);

  /* A renewal of the same key replaces it; the old one goes to the history. */
  renewal_file = cs_test_store_sign (f->store, record, "issuing");
  renewal = file_bytes (renewal_file);
  cs_store_upload_certificate_sync (f->store, record, renewal, renewal_file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CERT_READY);
  g_assert_cmpstr (cs_record_get_uploaded_cert_file_name (record), ==, renewal_file);
  g_assert_true (cs_record_get_has_chain (record));
  after = cs_store_load_details_sync (f->store, record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_record_details_get_certificate_pem (after), !=,
                   cs_record_details_get_certificate_pem (before));
  g_assert_cmpstr (cs_record_details_get_chain_pem (after), ==,
                   cs_record_details_get_chain_pem (before));
  g_assert_cmpstr (cs_record_get_public_key (record), ==,
                   cs_key_pair_get_public_pem (cs_record_details_get_key_pair (after)));
  event = newest_event (f->store);
  g_assert_cmpint (cs_history_event_get_kind (event), ==, CS_HISTORY_CERTIFICATE_REPLACED);
  g_assert_cmpstr (cs_history_event_get_detail (event), ==,
                   cs_record_details_get_certificate_pem (before));
  g_assert_null (strstr (cs_history_event_get_detail (event), "PRIVATE KEY"));
  g_clear_object (&event);

  /* A new chain must link up: the root alone leaves a gap under "issuing". */
  chain = file_bytes ("root.pem");
  cs_store_upload_chain_sync (f->store, record, chain, "root-only.pem", NULL, NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID_CERTIFICATE);
  g_clear_error (&error);
  g_clear_pointer (&chain, g_bytes_unref);

  chain = file_bytes ("issuing.pem");
  cs_store_upload_chain_sync (f->store, record, chain, "issuing-only.pem", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cs_record_get_has_root (record));
  g_assert_cmpstr (cs_record_get_uploaded_chain_file_name (record), ==, "issuing-only.pem");
  event = newest_event (f->store);
  g_assert_cmpint (cs_history_event_get_kind (event), ==, CS_HISTORY_CHAIN_REPLACED);
  g_assert_nonnull (strstr (cs_history_event_get_detail (event),
                            cs_record_details_get_root_pem (before)));
}

static void
test_default_rules (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) a = cs_test_store_add (f->store, "A");
  g_autoptr(CsRecord) b = cs_test_store_add (f->store, "B");
  g_autoptr(CsHistoryEvent) event = NULL;
  g_autofree char *deploy = g_build_filename (cs_test_get_tmp_dir (), "deploy-rules", NULL);

  cs_test_store_make_ready (f->store, a);
  cs_test_store_make_ready (f->store, b);

  /* Must be enabled. */
  cs_store_set_enabled_sync (f->store, b, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cs_record_get_can_make_default (b));
  cs_store_make_default_sync (f->store, b, NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_RULE);
  g_clear_error (&error);
  g_assert_false (cs_record_get_default_certificate (b));
  cs_store_set_enabled_sync (f->store, b, TRUE, NULL, &error);
  g_assert_no_error (error);

  cs_store_make_default_sync (f->store, a, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_get_default_record (f->store) == a);
  cs_store_make_default_sync (f->store, b, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cs_record_get_default_certificate (a));
  g_assert_true (cs_record_get_default_certificate (b));
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM records WHERE is_default = 1"), ==, 1);
  event = newest_event (f->store);
  g_assert_cmpint (cs_history_event_get_kind (event), ==, CS_HISTORY_DEFAULT_CHANGED);
  g_assert_cmpstr (cs_history_event_get_detail (event), ==, "A");
  g_assert_cmpstr (cs_history_event_get_summary (event), ==, "“B” made the default instead of “A”");

  /* The saved default can be neither disabled nor deleted. */
  g_assert_false (cs_record_get_can_delete (b));
  g_assert_false (cs_record_get_can_disable (b));
  cs_store_set_enabled_sync (f->store, b, FALSE, NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_RULE);
  g_clear_error (&error);
  cs_store_update_general_sync (f->store, b, "B", "", FALSE, NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_RULE);
  g_clear_error (&error);
  cs_store_delete_record_sync (f->store, b, NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_RULE);
  g_clear_error (&error);
  g_assert_true (cs_record_get_enabled (b));

  /* Activated, then replaced as the default: B stays protected as the
   * active default until the next activation. */
  cs_store_activate_sync (f->store, deploy, NULL, &error);
  g_assert_no_error (error);
  cs_store_make_default_sync (f->store, a, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_get_active_default (b));
  g_assert_false (cs_record_get_can_delete (b));
  cs_store_set_enabled_sync (f->store, b, FALSE, NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_RULE);
  g_clear_error (&error);
  cs_store_delete_record_sync (f->store, b, NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_RULE);
  g_clear_error (&error);

  cs_store_activate_sync (f->store, deploy, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cs_record_get_active_default (b));
  g_assert_true (cs_record_get_can_disable (b));
  cs_store_set_enabled_sync (f->store, b, FALSE, NULL, &error);
  g_assert_no_error (error);
  cs_store_delete_record_sync (f->store, b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cs_store_get_records (f->store)), ==, 1);
}

static void
test_delete_draft (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) keep = cs_test_store_add (f->store, "Keep");
  g_autoptr(CsRecord) draft = cs_test_store_add (f->store, "Draft");
  g_autoptr(CsHistoryEvent) event = NULL;
  gint64 id;

  cs_store_generate_key_pair_sync (f->store, draft, CS_KEY_TYPE_EC_P256, FALSE, NULL, &error);
  g_assert_no_error (error);
  id = cs_record_get_id (draft);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM keys"), ==, 1);

  cs_store_delete_record_sync (f->store, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (cs_store_lookup_by_id (f->store, id));
  g_assert_cmpuint (g_list_model_get_n_items (cs_store_get_records (f->store)), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM keys"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM records"), ==, 1);
  event = newest_event (f->store);
  g_assert_cmpint (cs_history_event_get_kind (event), ==, CS_HISTORY_DELETED);
  g_assert_cmpstr (cs_history_event_get_record_name (event), ==, "Draft");

  /* A deleted record is no longer the store's. */
  cs_store_set_enabled_sync (f->store, draft, FALSE, NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_NOT_FOUND);
}

static void
test_lookup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) a = cs_test_store_add (f->store, "Alpha");
  g_autoptr(CsRecord) numeric = cs_test_store_add (f->store, "1");
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, cs_record_get_id (numeric));

  g_assert_true (cs_store_lookup (f->store, "ALPHA", &error) == a);
  g_assert_no_error (error);
  /* A name wins over an id. */
  g_assert_true (cs_store_lookup (f->store, "1", &error) == numeric);
  g_assert_true (cs_store_lookup (f->store, id, &error) == numeric);
  g_assert_null (cs_store_lookup (f->store, "Nothing", &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cs_store_lookup (f->store, "999", &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_NOT_FOUND);
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_init (&argc, &argv);

  g_test_add_func ("/record/state-names", test_state_names);
  add_test ("/record/create", test_create);
  add_test ("/record/create-refused", test_create_refused);
  add_test ("/record/update-general", test_update_general);
  add_test ("/record/state-machine", test_state_machine);
  add_test ("/record/finalize-without-chain", test_finalize_without_chain);
  add_test ("/record/regenerate-discards", test_regenerate_discards);
  add_test ("/record/keygen-refusals", test_keygen_refusals);
  add_test ("/record/subject-and-details", test_subject_and_details);
  add_test ("/record/csr-refused", test_csr_refused);
  add_test ("/record/failed-upload", test_failed_upload);
  add_test ("/record/replace", test_replace);
  add_test ("/record/default-rules", test_default_rules);
  add_test ("/record/delete-draft", test_delete_draft);
  add_test ("/record/lookup", test_lookup);

  return g_test_run ();
}
