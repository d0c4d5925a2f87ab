/* test-store.c — the SQLite store: persistence, safety, the model, the APIs
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-error.h"
#include "cs-store.h"
#include "cs-store-private.h"
#include "cs-test-pki.h"
#include "cs-test-store.h"
#include "cs-test-util.h"

static const char *self_exe;

static char *
new_db_path (void)
{
  static guint counter;

  return g_strdup_printf ("%s/store-%u/chainsmith.db", cs_test_get_tmp_dir (), ++counter);
}

/* Independent access to the database. */

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  if (rc != SQLITE_OK)
    g_error ("cannot open %s: %s (errno %d, exists: %d)", path, sqlite3_errmsg (db),
             sqlite3_system_errno (db), g_file_test (path, G_FILE_TEST_EXISTS));
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = raw_open (path);
  gint64 value = raw_int (db, sql);

  sqlite3_close (db);
  return value;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static guint
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* Round trip: every property of every record survives closing and reopening. */

static gboolean
values_equal (const GValue *a,
              const GValue *b,
              GParamSpec   *pspec)
{
  if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_DATE_TIME)
    {
      GDateTime *x = g_value_get_boxed (a);
      GDateTime *y = g_value_get_boxed (b);

      return (x == NULL && y == NULL) || (x != NULL && y != NULL && g_date_time_equal (x, y));
    }
  return g_param_values_cmp (pspec, a, b) == 0;
}

static void
assert_records_equal (CsRecord *a,
                      CsRecord *b)
{
  guint n = 0;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_value_init (&vb, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_object_get_property (G_OBJECT (a), pspecs[i]->name, &va);
      g_object_get_property (G_OBJECT (b), pspecs[i]->name, &vb);
      if (!values_equal (&va, &vb, pspecs[i]))
        g_error ("property %s of “%s” differs after reopening", pspecs[i]->name,
                 cs_record_get_name (a));
    }
}

static void
assert_details_equal (CsStore  *store_a,
                      CsRecord *a,
                      CsStore  *store_b,
                      CsRecord *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecordDetails) da = cs_store_load_details_sync (store_a, a, NULL, &error);
  g_autoptr(CsRecordDetails) db = cs_store_load_details_sync (store_b, b, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cs_record_details_get_csr_pem (da), ==, cs_record_details_get_csr_pem (db));
  g_assert_cmpstr (cs_record_details_get_certificate_pem (da), ==,
                   cs_record_details_get_certificate_pem (db));
  g_assert_cmpstr (cs_record_details_get_chain_pem (da), ==, cs_record_details_get_chain_pem (db));
  g_assert_cmpstr (cs_record_details_get_root_pem (da), ==, cs_record_details_get_root_pem (db));
  if (cs_record_details_get_key_pair (da) != NULL)
    g_assert_cmpstr (cs_key_pair_get_fingerprint (cs_record_details_get_key_pair (da)), ==,
                     cs_key_pair_get_fingerprint (cs_record_details_get_key_pair (db)));
  else
    g_assert_null (cs_record_details_get_key_pair (db));
}

static void
fill_varied_records (CsStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) ready = NULL;
  g_autoptr(CsRecord) other = cs_test_store_add (store, "Second");
  g_autoptr(CsRecord) draft = NULL;
  g_autoptr(CsRecord) plain = NULL;
  g_autoptr(CsSubject) subject = cs_test_store_subject ("Full CN");
  g_autofree char *deploy = g_build_filename (cs_test_get_tmp_dir (), "rt-deploy", NULL);

  ready = cs_test_store_add_default (store, "Default one");
  cs_test_store_make_ready (store, other);
  cs_store_activate_sync (store, deploy, NULL, &error);
  g_assert_no_error (error);
  cs_store_set_enabled_sync (store, other, FALSE, NULL, &error);   /* pending */
  g_assert_no_error (error);

  draft = cs_store_create_record_sync (store, "Draft", "with a description", FALSE, NULL, &error);
  g_assert_no_error (error);
  cs_store_generate_key_pair_sync (store, draft, CS_KEY_TYPE_EC_P384, FALSE, NULL, &error);
  g_assert_no_error (error);
  cs_subject_set (subject, CS_SUBJECT_DEPARTMENT, "Security");
  cs_subject_set (subject, CS_SUBJECT_CITY, "München");
  cs_subject_set (subject, CS_SUBJECT_STATE, "Bayern");
  cs_store_generate_csr_sync (store, draft, subject, CS_DIGEST_SHA512, 1, "draft-request", FALSE,
                              NULL, &error);
  g_assert_no_error (error);
  plain = cs_test_store_add (store, "Plain");
}

static void
test_round_trip (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(CsStore) first = cs_test_store_open (path);
  g_autoptr(CsStore) second = NULL;
  GListModel *a, *b;
  guint n;

  fill_varied_records (first);
  g_assert_cmpuint (cs_store_get_n_pending_changes (first), ==, 1);

  second = cs_test_store_open (path);
  a = cs_store_get_records (first);
  b = cs_store_get_records (second);
  n = g_list_model_get_n_items (a);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsRecord) ra = g_list_model_get_item (a, i);
      g_autoptr(CsRecord) rb = g_list_model_get_item (b, i);

      assert_records_equal (ra, rb);
      assert_details_equal (first, ra, second, rb);
    }
  g_assert_true (g_strv_equal (cs_store_get_pending_changes (first),
                               cs_store_get_pending_changes (second)));
  g_assert_cmpstr (cs_record_get_name (cs_store_get_default_record (second)), ==, "Default one");
  g_assert_cmpstr (cs_record_get_name (cs_store_get_active_default_record (second)), ==,
                   "Default one");
}

/* Migration from schema version 1, written here by hand. */

static const char v1_schema[] =
  "PRAGMA application_id = 1130910573;"
  "CREATE TABLE records ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  type TEXT NOT NULL DEFAULT 'CUSTOM_SW' CHECK (type = 'CUSTOM_SW'),"
  "  region TEXT NOT NULL DEFAULT 'GLOBAL' CHECK (region = 'GLOBAL'),"
  "  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),"
  "  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),"
  "  state TEXT NOT NULL DEFAULT 'GENERAL_DONE', key_type TEXT, public_key TEXT,"
  "  key_fingerprint TEXT, key_time INTEGER NOT NULL DEFAULT 0, csr TEXT, csr_file_name TEXT,"
  "  csr_time INTEGER NOT NULL DEFAULT 0, subject_cn TEXT, subject_o TEXT, subject_ou TEXT,"
  "  subject_l TEXT, subject_st TEXT, subject_c TEXT, signature_algorithm TEXT,"
  "  path_length INTEGER, certificate TEXT, cert_file_name TEXT,"
  "  cert_start INTEGER NOT NULL DEFAULT 0, cert_exp INTEGER NOT NULL DEFAULT 0,"
  "  chain TEXT, root TEXT, chain_file_name TEXT,"
  "  CHECK (is_default = 0 OR (enabled = 1 AND state = 'CERT_READY')));"
  "CREATE UNIQUE INDEX records_one_default ON records (is_default) WHERE is_default = 1;"
  "CREATE TABLE keys (record_id INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,"
  "  private_key BLOB NOT NULL);"
  "CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL,"
  "  kind TEXT NOT NULL, record_id INTEGER NOT NULL DEFAULT 0,"
  "  record_name TEXT NOT NULL DEFAULT '');"
  "INSERT INTO records (name, description, enabled, is_default, state, key_type, public_key,"
  "  key_fingerprint, key_time, csr, csr_file_name, csr_time, subject_cn, subject_o, subject_c,"
  "  signature_algorithm, path_length, certificate, cert_file_name, cert_start, cert_exp, chain,"
  "  chain_file_name)"
  "  VALUES ('Old ready', 'from v1', 1, 1, 'CERT_READY', 'RSA_3K', 'PUBLIC PEM', 'AA:BB',"
  "  1700000000, 'CSR PEM', 'old', 1700000100, 'Old CN', 'Old Org', 'NL', 'SHA384', 0,"
  "  'CERT PEM', 'old.pem', 1700000200, 1900000000, 'CHAIN PEM', 'chain.pem');"
  "INSERT INTO records (name, enabled) VALUES ('Old draft', 0);"
  "INSERT INTO keys VALUES (1, x'3082');"
  "INSERT INTO history (time, kind, record_id, record_name) VALUES"
  "  (1700000000, 'CREATED', 1, 'Old ready'), (1700000300, 'CREATED', 2, 'Old draft');"
  "PRAGMA user_version = 1;";

static void
test_migration_v1 (void)
{
  g_autofree char *path = new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(CsHistoryEvent) oldest = NULL;
  sqlite3 *db;
  CsRecord *ready, *draft;

  g_mkdir_with_parents (dir, 0700);
  db = raw_open (path);
  raw_exec (db, v1_schema);
  sqlite3_close (db);

  store = cs_test_store_open (path);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, CS_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM history WHERE detail IS NULL"), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM keys"), ==, 1);

  ready = cs_store_lookup_by_name (store, "Old ready");
  draft = cs_store_lookup_by_name (store, "Old draft");
  g_assert_nonnull (ready);
  g_assert_nonnull (draft);
  g_assert_cmpint (cs_record_get_id (ready), ==, 1);
  g_assert_cmpstr (cs_record_get_description (ready), ==, "from v1");
  g_assert_true (cs_record_get_default_certificate (ready));
  g_assert_cmpint (cs_record_get_current_state (ready), ==, CS_RECORD_STATE_CERT_READY);
  g_assert_cmpint (cs_record_get_key_type (ready), ==, CS_KEY_TYPE_RSA_3072);
  g_assert_cmpuint (cs_record_get_key_size (ready), ==, 3072);
  g_assert_cmpstr (cs_record_get_public_key (ready), ==, "PUBLIC PEM");
  g_assert_cmpint (g_date_time_to_unix (cs_record_get_key_generation_time (ready)), ==, 1700000000);
  g_assert_cmpstr (cs_record_get_common_name (ready), ==, "Old CN");
  g_assert_cmpstr (cs_record_get_country (ready), ==, "NL");
  g_assert_cmpint (cs_record_get_signature_algorithm (ready), ==, CS_DIGEST_SHA384);
  g_assert_cmpint (cs_record_get_path_length_constraint (ready), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (cs_record_get_cert_exp_date (ready)), ==, 1900000000);
  g_assert_true (cs_record_get_has_chain (ready));
  g_assert_false (cs_record_get_enabled (draft));

  /* v1 knew no activation: everything ready is pending. */
  g_assert_false (cs_record_get_active_default (ready));
  g_assert_cmpuint (cs_store_get_n_pending_changes (store), ==, 2);
  g_assert_cmpstr (cs_store_get_pending_changes (store)[0], ==, "Default: none → Old ready");
  g_assert_cmpstr (cs_store_get_pending_changes (store)[1], ==, "Enabled: Old ready");

  events = cs_store_load_history_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
  oldest = g_list_model_get_item (events, 1);
  g_assert_cmpint (cs_history_event_get_kind (oldest), ==, CS_HISTORY_CREATED);
  g_assert_cmpstr (cs_history_event_get_record_name (oldest), ==, "Old ready");
  g_assert_null (cs_history_event_get_detail (oldest));

  /* And the migrated store works. */
  cs_store_update_general_sync (store, draft, "Renamed draft", "", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM history WHERE kind = 'RENAMED'"
                                    " AND detail = 'Old draft'"), ==, 1);
}

/* Permissions. */

static void
test_permissions (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "chainsmith", NULL);
  g_autofree char *path = g_build_filename (dir, "chainsmith.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsRecord) record = NULL;
  mode_t old_umask = umask (0);

  /* Even a widened folder and a permissive umask give 0700 / 0600. */
  g_mkdir_with_parents (dir, 0755);
  g_chmod (dir, 0755);
  store = cs_test_store_open (NULL);
  g_assert_cmpstr (cs_store_get_path (store), ==, path);
  record = cs_test_store_add (store, "Mode");
  umask (old_umask);

  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
}

static void
test_pragmas (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(CsStore) store = cs_test_store_open (path);
  sqlite3 *db = raw_open (path);
  g_autofree char *mode = raw_text (db, "PRAGMA journal_mode");

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, CS_SCHEMA_VERSION);
  sqlite3_close (db);
}

/* Damaged and foreign files are refused and left byte for byte. */

static char *
make_real_db (guint n_records)
{
  char *path = new_db_path ();
  g_autoptr(CsStore) store = cs_test_store_open (path);
  sqlite3 *db;

  g_clear_object (&store);
  db = raw_open (path);
  raw_exec (db, "BEGIN");
  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO records (name, description) VALUES ('bulk %u', '%s')", i,
                         "a description long enough to fill a few pages of the database file");

      raw_exec (db, sql);
    }
  raw_exec (db, "COMMIT");
  raw_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (db);
  return path;
}

static void
assert_refused (const char *path,
                CsError     code)
{
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(CsStore) store = cs_store_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (cs_store_open_sync (store, NULL, &error));
  g_assert_error (error, CS_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (cs_store_get_is_open (store));
  g_assert_cmpuint (g_list_model_get_n_items (cs_store_get_records (store)), ==, 0);
  g_clear_object (&store);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static char *
new_db_path_in_folder (void)
{
  char *path = new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  return path;
}

/* The threads of this process named "cs-store": the stores' workers. */
static guint
count_store_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (comm_path, &comm, NULL, NULL) && g_str_has_prefix (comm, "cs-store"))
        n++;
    }
  return n;
}

static void
open_then_let_go_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CsStore **store = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_store_open_finish (CS_STORE (source), result, &error));
  g_assert_no_error (error);
  /* The caller's reference goes here; the task's is the last. */
  g_object_unref (*store);
}

/* A store whose last reference goes in its own callback, on the main
 * thread: its worker thread finishes what was queued, is joined (no
 * thread is left), and the database is closed (another store opens it). */
static void
test_freed_in_callback (void)
{
  g_autofree char *path = new_db_path_in_folder ();
  CsStore *store = cs_store_new (path);
  CsStore *watch = store;
  g_autoptr(CsStore) again = NULL;
  g_autoptr(GError) error = NULL;
  guint threads_before = 0;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* (The new thread names itself when it starts.) */
  while ((threads_before = count_store_threads ()) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpuint (threads_before, >=, 1);
  g_object_add_weak_pointer (G_OBJECT (watch), (gpointer *) &watch);
  cs_store_open_async (store, NULL, open_then_let_go_cb, &store);
  while (watch != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (watch);
  g_assert_cmpuint (count_store_threads (), ==, threads_before - 1);

  again = cs_store_new (path);
  g_assert_true (cs_store_open_sync (again, NULL, &error));
  g_assert_no_error (error);
}

static void
write_random (const char *path,
              gsize       size,
              const char *prefix,
              gsize       prefix_size)
{
  g_autofree guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = g_random_int_range (0, 256);
  if (prefix != NULL)
    memcpy (data, prefix, prefix_size);
  g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));
}

static void
test_damaged (void)
{
  g_autofree char *real = make_real_db (400);
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autofree char *long_text = g_strnfill (5000, 'n');
  gsize length = 0;

  g_assert_true (g_file_get_contents (real, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 16384);

  g_test_message ("truncated");
  path = new_db_path_in_folder ();
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));
  assert_refused (path, CS_ERROR_STORE_DAMAGED);
  g_clear_pointer (&path, g_free);

  g_test_message ("header kept, pages overwritten");
  path = new_db_path_in_folder ();
  write_random (path, length, contents, 100);
  assert_refused (path, CS_ERROR_STORE_DAMAGED);
  g_clear_pointer (&path, g_free);

  g_test_message ("random bytes");
  path = new_db_path_in_folder ();
  write_random (path, 8192, NULL, 0);
  assert_refused (path, CS_ERROR_STORE_DAMAGED);
  g_clear_pointer (&path, g_free);

  g_test_message ("a text file, short and long");
  path = new_db_path_in_folder ();
  g_assert_true (g_file_set_contents (path, "These are my notes.\n", -1, NULL));
  assert_refused (path, CS_ERROR_STORE_DAMAGED);
  g_assert_true (g_file_set_contents (path, long_text, -1, NULL));
  assert_refused (path, CS_ERROR_STORE_DAMAGED);
  g_clear_pointer (&path, g_free);
}

static void
test_newer (void)
{
  g_autofree char *path = make_real_db (3);
  sqlite3 *db = raw_open (path);

  raw_exec (db, "PRAGMA user_version = 3; PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (db);
  assert_refused (path, CS_ERROR_STORE_NEWER);
}

static void
test_empty_file_is_new (void)
{
  g_autofree char *path = new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CsStore) store = NULL;

  g_mkdir_with_parents (dir, 0755);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_chmod (path, 0644);
  store = cs_test_store_open (path);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  /* A folder the user chose keeps its mode. */
  g_assert_cmpuint (file_mode (dir), ==, 0755);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, CS_SCHEMA_VERSION);
}

static void
test_locked (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(CsStore) open_store = cs_test_store_open (path);
  g_autoptr(CsStore) late = cs_store_new (path);
  g_autoptr(CsRecord) record = cs_test_store_add (open_store, "Before");
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  cs_schema_set_busy_timeout (300);
  db = raw_open (path);
  raw_exec (db, "BEGIN EXCLUSIVE");

  g_assert_false (cs_store_open_sync (late, NULL, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_STORE_LOCKED);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  cs_store_update_general_sync (open_store, record, "After", "", TRUE, NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_STORE_LOCKED);
  g_clear_error (&error);
  g_assert_cmpstr (cs_record_get_name (record), ==, "Before");

  raw_exec (db, "ROLLBACK");
  sqlite3_close (db);
  cs_store_update_general_sync (open_store, record, "After", "", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_open_sync (late, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cs_record_get_name (cs_store_lookup_by_id (late, cs_record_get_id (record))),
                   ==, "After");
  cs_schema_set_busy_timeout (3000);
}

static void
test_not_open (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(CsStore) store = cs_store_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = NULL;

  record = cs_store_create_record_sync (store, "x", NULL, TRUE, NULL, &error);
  g_assert_error (error, CS_ERROR, CS_ERROR_FAILED);
  g_assert_null (record);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The list model: filled in batches, kept in step. */

typedef struct
{
  guint     emissions;
  guint     added;
  guint     removed;
  guint     max_added;
  gboolean  done;
  gboolean  ok;
  GError   *error;
  gpointer  result;
  guint     items_at_callback;
} Watch;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  watch->emissions++;
  watch->added += added;
  watch->removed += removed;
  watch->max_added = MAX (watch->max_added, added);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Watch *watch = data;

  watch->ok = cs_store_open_finish (CS_STORE (source), result, &watch->error);
  watch->items_at_callback = g_list_model_get_n_items (cs_store_get_records (CS_STORE (source)));
  watch->done = TRUE;
}

static void
wait_for (Watch *watch)
{
  while (!watch->done)
    g_main_context_iteration (NULL, TRUE);
  watch->done = FALSE;
}

static void
test_batches (void)
{
  g_autofree char *path = make_real_db (1234);
  g_autoptr(CsStore) store = cs_store_new (path);
  Watch watch = { 0, };

  g_signal_connect (cs_store_get_records (store), "items-changed", G_CALLBACK (items_changed_cb),
                    &watch);
  cs_store_open_async (store, NULL, opened_cb, &watch);
  g_assert_false (cs_store_get_is_open (store));
  wait_for (&watch);

  g_assert_no_error (watch.error);
  g_assert_true (watch.ok);
  g_assert_true (cs_store_get_is_open (store));
  g_assert_cmpuint (watch.items_at_callback, ==, 1234);
  g_assert_cmpuint (watch.added, ==, 1234);
  g_assert_cmpuint (watch.emissions, ==, 3);
  g_assert_cmpuint (watch.max_added, <=, 500);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Watch *watch = data;

  watch->result = cs_store_create_record_finish (CS_STORE (source), result, &watch->error);
  watch->items_at_callback = g_list_model_get_n_items (cs_store_get_records (CS_STORE (source)));
  watch->done = TRUE;
}

static void
test_in_step (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(CsStore) store = cs_test_store_open (path);
  g_autoptr(CsStore) other = NULL;
  g_autoptr(CsRecord) gone = cs_test_store_add (store, "Will go");
  g_autoptr(CsRecord) renamed = cs_test_store_add (store, "Will be renamed");
  g_autoptr(CsRecord) external = NULL;
  g_autoptr(CsRecord) created = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { 0, };
  GListModel *records = cs_store_get_records (store);

  g_signal_connect (records, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  cs_store_create_record_async (store, "Async", "", TRUE, NULL, created_cb, &watch);
  wait_for (&watch);
  g_assert_no_error (watch.error);
  g_assert_cmpuint (watch.items_at_callback, ==, 3);
  g_assert_cmpuint (watch.added, ==, 1);
  created = g_list_model_get_item (records, 2);
  g_assert_true (created == watch.result);
  g_object_unref (watch.result);

  /* Another process (here: another store) changes the database. */
  other = cs_test_store_open (path);
  external = cs_test_store_add (other, "External");
  cs_store_delete_record_sync (other, cs_store_lookup_by_name (other, "Will go"), NULL, &error);
  g_assert_no_error (error);
  cs_store_update_general_sync (other, cs_store_lookup_by_name (other, "Will be renamed"), "Renamed",
                                "", TRUE, NULL, &error);
  g_assert_no_error (error);

  cs_store_refresh_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cs_store_lookup_by_name (store, "External"));
  g_assert_null (cs_store_lookup_by_name (store, "Will go"));
  g_assert_cmpstr (cs_record_get_name (renamed), ==, "Renamed");
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, 3);
  g_assert_cmpuint (watch.removed, ==, 1);
  g_assert_cmpuint (watch.added, ==, 2);
}

/* The async API, from a main loop. */

typedef struct
{
  Watch   watch;
  GThread *main_thread;
} AsyncCtx;

static void
keygen_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  AsyncCtx *ctx = data;

  g_assert_true (g_thread_self () == ctx->main_thread);
  ctx->watch.ok = cs_store_generate_key_pair_finish (CS_STORE (source), result, &ctx->watch.error);
  ctx->watch.done = TRUE;
}

static void
generic_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  AsyncCtx *ctx = data;

  g_assert_true (g_thread_self () == ctx->main_thread);
  ctx->watch.result = g_object_ref (result);
  ctx->watch.done = TRUE;
}

static GAsyncResult *
wait_result (AsyncCtx *ctx)
{
  wait_for (&ctx->watch);
  return g_steal_pointer ((GAsyncResult **) &ctx->watch.result);
}

static void
async_keygen (CsStore   *store,
              CsRecord  *record,
              AsyncCtx  *ctx)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  /* Cancelled: nothing changes. */
  g_cancellable_cancel (cancelled);
  cs_store_generate_key_pair_async (store, record, CS_KEY_TYPE_EC_P256, FALSE, cancelled,
                                    keygen_cb, ctx);
  wait_for (&ctx->watch);
  g_assert_error (ctx->watch.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&ctx->watch.error);
  g_assert_false (cs_record_get_has_key (record));

  cs_store_generate_key_pair_async (store, record, CS_KEY_TYPE_EC_P256, FALSE, NULL, keygen_cb, ctx);
  wait_for (&ctx->watch);
  g_assert_no_error (ctx->watch.error);
  g_assert_true (ctx->watch.ok);
  g_assert_true (cs_record_get_has_key (record));
}

static void
async_upload (CsStore   *store,
              CsRecord  *record,
              AsyncCtx  *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CsInspectionReport) report = NULL;
  g_autofree char *cert = cs_test_store_sign (store, record, "root");
  g_autoptr(GBytes) bytes = cs_test_pki_read_bytes (cert);
  g_autoptr(GBytes) junk = g_bytes_new_static ("junk", 4);
  g_autoptr(GBytes) root = cs_test_pki_read_bytes ("root.pem");

  cs_store_upload_certificate_async (store, record, junk, "junk", NULL, generic_cb, ctx);
  result = wait_result (ctx);
  g_assert_false (cs_store_upload_certificate_finish (store, result, &report, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID_CERTIFICATE);
  g_assert_false (cs_inspection_report_get_accepted (report));
  g_clear_error (&error);
  g_clear_object (&report);
  g_clear_object (&result);

  cs_store_upload_certificate_async (store, record, bytes, cert, NULL, generic_cb, ctx);
  result = wait_result (ctx);
  g_assert_true (cs_store_upload_certificate_finish (store, result, &report, &error));
  g_assert_no_error (error);
  g_assert_true (cs_inspection_report_get_accepted (report));
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_INTCERT_UPLOAD_DONE);
  g_clear_object (&report);
  g_clear_object (&result);

  cs_store_upload_chain_async (store, record, root, "root.pem", NULL, generic_cb, ctx);
  result = wait_result (ctx);
  g_assert_true (cs_store_upload_chain_finish (store, result, &report, &error));
  g_assert_no_error (error);
  g_assert_true (cs_record_get_has_root (record));
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE);
}

#define ASYNC_BOOLEAN(ctx, store, finish, call)                 \
  G_STMT_START {                                                 \
    g_autoptr(GAsyncResult) r_ = NULL;                           \
    g_autoptr(GError) e_ = NULL;                                 \
    call;                                                        \
    r_ = wait_result (ctx);                                      \
    g_assert_true (finish (store, r_, &e_));                     \
    g_assert_no_error (e_);                                      \
  } G_STMT_END

static void
test_async_api (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(CsStore) store = cs_store_new (path);
  g_autoptr(CsRecord) record = NULL;
  g_autoptr(CsRecordDetails) details = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = cs_test_store_subject ("Async CA");
  g_autofree char *deploy = g_build_filename (cs_test_get_tmp_dir (), "async-deploy", NULL);
  AsyncCtx ctx = { { 0, }, g_thread_self () };

  cs_test_store_make_pki ();
  ASYNC_BOOLEAN (&ctx, store, cs_store_open_finish,
                 cs_store_open_async (store, NULL, generic_cb, &ctx));

  cs_store_create_record_async (store, "Async", "", TRUE, NULL, generic_cb, &ctx);
  result = wait_result (&ctx);
  record = cs_store_create_record_finish (store, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  ASYNC_BOOLEAN (&ctx, store, cs_store_update_general_finish,
                 cs_store_update_general_async (store, record, "Async 2", "d", TRUE, NULL,
                                                generic_cb, &ctx));
  g_assert_cmpstr (cs_record_get_name (record), ==, "Async 2");
  async_keygen (store, record, &ctx);
  ASYNC_BOOLEAN (&ctx, store, cs_store_generate_csr_finish,
                 cs_store_generate_csr_async (store, record, subject, CS_DIGEST_SHA256, 0, NULL,
                                              FALSE, NULL, generic_cb, &ctx));
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CSRGEN_DONE);
  async_upload (store, record, &ctx);
  ASYNC_BOOLEAN (&ctx, store, cs_store_finalize_finish,
                 cs_store_finalize_async (store, record, NULL, generic_cb, &ctx));
  ASYNC_BOOLEAN (&ctx, store, cs_store_make_default_finish,
                 cs_store_make_default_async (store, record, NULL, generic_cb, &ctx));
  g_assert_true (cs_record_get_default_certificate (record));
  g_assert_cmpuint (cs_store_get_n_pending_changes (store), ==, 2);
  g_assert_cmpstr (cs_store_get_pending_changes (store)[0], ==, "Default: none → Async 2");
  g_assert_cmpstr (cs_store_get_pending_changes (store)[1], ==, "Enabled: Async 2");
  ASYNC_BOOLEAN (&ctx, store, cs_store_activate_finish,
                 cs_store_activate_async (store, deploy, NULL, generic_cb, &ctx));
  g_assert_cmpuint (cs_store_get_n_pending_changes (store), ==, 0);
  ASYNC_BOOLEAN (&ctx, store, cs_store_refresh_finish,
                 cs_store_refresh_async (store, NULL, generic_cb, &ctx));

  cs_store_load_details_async (store, record, NULL, generic_cb, &ctx);
  result = wait_result (&ctx);
  details = cs_store_load_details_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_key_pair_get_public_pem (cs_record_details_get_key_pair (details)), ==,
                   cs_record_get_public_key (record));
  g_clear_object (&result);

  cs_store_load_history_async (store, NULL, generic_cb, &ctx);
  result = wait_result (&ctx);
  events = cs_store_load_history_finish (store, result, &error);
  g_assert_no_error (error);
  /* created, renamed, key, CSR, certificate, chain, finalized, default, activated */
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 9);
  g_clear_object (&result);

  /* Refusals come back through the callback too. */
  cs_store_delete_record_async (store, record, NULL, generic_cb, &ctx);
  result = wait_result (&ctx);
  g_assert_false (cs_store_delete_record_finish (store, result, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_RULE);
  g_clear_error (&error);
  g_clear_object (&result);

  cs_store_set_enabled_async (store, record, FALSE, NULL, generic_cb, &ctx);
  result = wait_result (&ctx);
  g_assert_false (cs_store_set_enabled_finish (store, result, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_RULE);
  g_assert_true (cs_record_get_enabled (record));
}

static void
test_async_not_open (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(CsStore) store = cs_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AsyncCtx ctx = { { 0, }, g_thread_self () };

  cs_store_activate_async (store, NULL, NULL, generic_cb, &ctx);
  result = wait_result (&ctx);
  g_assert_false (cs_store_activate_finish (store, result, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_FAILED);
}

static void
test_open_failure_async (void)
{
  g_autofree char *path = new_db_path_in_folder ();
  g_autoptr(CsStore) store = cs_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AsyncCtx ctx = { { 0, }, g_thread_self () };

  g_assert_true (g_file_set_contents (path, "not a database at all", -1, NULL));
  cs_store_open_async (store, NULL, generic_cb, &ctx);
  result = wait_result (&ctx);
  g_assert_false (cs_store_open_finish (store, result, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_STORE_DAMAGED);
  g_assert_false (cs_store_get_is_open (store));
}

/* Other programs' databases, and a store that claims a schema it lacks. */
static void
test_foreign (void)
{
  g_autofree char *other = new_db_path_in_folder ();
  g_autofree char *hollow = new_db_path_in_folder ();
  sqlite3 *db;

  db = raw_open (other);
  raw_exec (db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                "INSERT INTO notes (text) VALUES ('remember the milk');");
  sqlite3_close (db);
  assert_refused (other, CS_ERROR_STORE_DAMAGED);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM sqlite_master WHERE name = 'records'"),
                   ==, 0);

  db = raw_open (hollow);
  raw_exec (db, "PRAGMA application_id = 1130910573; PRAGMA user_version = 1;"
                "CREATE TABLE unrelated (x);");
  sqlite3_close (db);
  assert_refused (hollow, CS_ERROR_STORE_DAMAGED);
  g_assert_cmpint (query_int (hollow, "PRAGMA user_version"), ==, 1);
}

static void
test_disk_full (void)
{
  g_autofree char *path = new_db_path ();
  g_autofree char *description = g_strnfill (1000, 'd');
  g_autoptr(CsStore) store = cs_test_store_open (path);
  g_autoptr(GError) error = NULL;
  gint64 pages;
  guint created = 0;

  g_clear_object (&store);
  pages = query_int (path, "PRAGMA page_count");
  cs_schema_set_max_page_count (pages + 3);
  store = cs_test_store_open (path);

  while (error == NULL && created < 200)
    {
      g_autofree char *name = g_strdup_printf ("filler %u", created);
      g_autoptr(CsRecord) record =
        cs_store_create_record_sync (store, name, description, TRUE, NULL, &error);

      created += record != NULL;
    }
  cs_schema_set_max_page_count (0);

  g_assert_error (error, CS_ERROR, CS_ERROR_STORE_FULL);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (created, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cs_store_get_records (store)), ==, created);
  g_clear_object (&store);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM records"), ==, created);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM history"), ==, created);
}

static void
test_io_errors (void)
{
  g_autofree char *dir_path = new_db_path_in_folder ();
  g_autofree char *file = new_db_path_in_folder ();
  g_autofree char *under_file = g_build_filename (file, "sub", "chainsmith.db", NULL);
  g_autoptr(CsStore) a = NULL;
  g_autoptr(CsStore) b = NULL;
  g_autoptr(GError) error = NULL;

  /* The database's name is taken by a folder. */
  g_assert_cmpint (g_mkdir (dir_path, 0700), ==, 0);
  a = cs_store_new (dir_path);
  g_assert_false (cs_store_open_sync (a, NULL, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_STORE_IO);
  g_assert_nonnull (strstr (error->message, dir_path));
  g_clear_error (&error);

  /* Its folder cannot be made: a file is in the way. */
  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  b = cs_store_new (under_file);
  g_assert_false (cs_store_open_sync (b, NULL, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_STORE_IO);
  g_assert_nonnull (strstr (error->message, under_file));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(CsStore) store = cs_test_store_open (path);
  g_autoptr(CsRecord) record = NULL;
  g_autoptr(GListModel) records = NULL;
  g_autoptr(CsRecord) default_record = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(CsHistoryEvent) event = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pending = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *record_name = NULL;
  g_autofree char *deploy = g_build_filename (cs_test_get_tmp_dir (), "props-deploy", NULL);
  gboolean is_open = FALSE;
  guint n_pending = 0, default_notified = 0, pending_notified = 0;
  CsHistoryKind kind;
  gint64 id, record_id;

  g_signal_connect (store, "notify::default-record", G_CALLBACK (count_notify_cb),
                    &default_notified);
  g_signal_connect (store, "notify::pending-changes", G_CALLBACK (count_notify_cb),
                    &pending_notified);
  record = cs_test_store_add_default (store, "Props");
  g_assert_cmpuint (default_notified, ==, 1);
  /* Finalized ("Enabled: Props"), then made the default. */
  g_assert_cmpuint (pending_notified, ==, 2);
  cs_store_update_general_sync (store, record, "Props", "unrelated to activation", TRUE, NULL,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending_notified, ==, 2);
  g_assert_cmpuint (default_notified, ==, 1);

  g_object_get (store, "path", &store_path, "is-open", &is_open, "records", &records,
                "default-record", &default_record, "pending-changes", &pending,
                "n-pending-changes", &n_pending, NULL);
  g_assert_cmpstr (store_path, ==, path);
  g_assert_true (is_open);
  g_assert_true (records == cs_store_get_records (store));
  g_assert_true (default_record == record);
  g_assert_cmpuint (n_pending, ==, 2);
  g_assert_cmpstr (pending[0], ==, "Default: none → Props");

  cs_store_activate_sync (store, deploy, NULL, &error);
  g_assert_no_error (error);
  events = cs_store_load_history_sync (store, NULL, &error);
  g_assert_no_error (error);
  event = g_list_model_get_item (events, 0);
  g_object_get (event, "id", &id, "time", &time, "kind", &kind, "record-id", &record_id,
                "record-name", &record_name, "summary", &summary, NULL);
  g_assert_cmpint (id, ==, cs_history_event_get_id (event));
  g_assert_cmpint (kind, ==, CS_HISTORY_ACTIVATED);
  g_assert_cmpint (record_id, ==, cs_record_get_id (record));
  g_assert_cmpstr (record_name, ==, "Props");
  g_assert_cmpstr (summary, ==, "Configuration activated");
  g_assert_true (g_date_time_equal (time, cs_history_event_get_time (event)));
  g_assert_cmpint (g_date_time_to_unix (time), >=, g_get_real_time () / G_USEC_PER_SEC - 600);
  g_assert_cmpint (g_list_model_get_n_items (events), ==, 8);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(CsHistoryEvent) e = g_list_model_get_item (events, i);
      CsHistoryKind back;

      g_assert_true (cs_history_kind_from_api_name (cs_history_kind_get_api_name (cs_history_event_get_kind (e)), &back));
      g_assert_cmpint (back, ==, cs_history_event_get_kind (e));
      g_assert_cmpstr (cs_history_kind_get_label (back), !=, "");
    }
  g_assert_false (cs_history_kind_from_api_name ("EXPORTED", &kind));
}

/* Crash safety: a child writes batches in a loop and is killed. */

static int
crash_child (const char *path)
{
  g_autoptr(CsStore) store = cs_store_new (path);
  g_autoptr(GError) error = NULL;
  CsRecord *a, *b;

  if (!cs_store_open_sync (store, NULL, &error))
    g_error ("child: %s", error->message);
  a = cs_store_lookup_by_name (store, "A");
  b = cs_store_lookup_by_name (store, "B");
  if (a == NULL || b == NULL)
    g_error ("child: A or B missing among %u records",
             g_list_model_get_n_items (cs_store_get_records (store)));
  g_print ("ready\n");
  fflush (stdout);

  for (guint i = 0;; i++)
    {
      g_autofree char *name = g_strdup_printf ("batch-%d-%u", (int) getpid (), i);
      g_autoptr(CsRecord) record = NULL;

      if (!cs_store_make_default_sync (store, i % 2 ? a : b, NULL, &error))
        g_error ("child: %s", error->message);
      record = cs_store_create_record_sync (store, name, "batch", TRUE, NULL, &error);
      if (record == NULL)
        g_error ("child: %s", error->message);
      if (i % 3 == 0 && !cs_store_delete_record_sync (store, record, NULL, &error))
        g_error ("child: %s", error->message);
      /* The parent kills only after a first whole batch, so that however
       * slow this build is (sanitizers, valgrind), every child wrote. */
      if (i == 0)
        {
          g_print ("batch\n");
          fflush (stdout);
        }
    }
  return 0;
}

static void
check_after_crash (const char *path)
{
  sqlite3 *db = raw_open (path);
  g_autofree char *integrity = raw_text (db, "PRAGMA integrity_check");
  g_autofree char *last_default = NULL;
  g_autofree char *current = NULL;

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM records WHERE is_default = 1"), ==, 1);
  /* make-default: the flags and its event, together. */
  last_default = raw_text (db, "SELECT record_name FROM history WHERE kind = 'DEFAULT_CHANGED'"
                               " ORDER BY id DESC LIMIT 1");
  current = raw_text (db, "SELECT name FROM records WHERE is_default = 1");
  g_assert_cmpstr (last_default, ==, current);
  /* create and delete: the row and its event, together. */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM records r WHERE name LIKE 'batch-%'"
                                " AND NOT EXISTS (SELECT 1 FROM history h WHERE"
                                " h.kind = 'CREATED' AND h.record_id = r.id)"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM history h WHERE kind = 'CREATED'"
                                " AND record_name LIKE 'batch-%' AND"
                                " NOT EXISTS (SELECT 1 FROM records r WHERE r.id = h.record_id)"
                                " AND NOT EXISTS (SELECT 1 FROM history d WHERE"
                                " d.kind = 'DELETED' AND d.record_id = h.record_id)"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM history d WHERE kind = 'DELETED'"
                                " AND EXISTS (SELECT 1 FROM records r WHERE r.id = d.record_id)"),
                   ==, 0);
  sqlite3_close (db);
}

static void
kill_child_once (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(CsStore) store = NULL;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_exe, "--crash-child",
                            path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
  g_free (line);
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "batch");

  g_usleep (g_random_int_range (2, 120) * 1000);
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  check_after_crash (path);
  store = cs_test_store_open (path);
}

static void
test_crash (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(CsStore) store = cs_test_store_open (path);
  g_autoptr(CsRecord) a = cs_test_store_add_default (store, "A");
  g_autoptr(CsRecord) b = cs_test_store_add (store, "B");
  guint iterations = g_test_slow () ? 200 : 60;

  cs_test_store_make_ready (store, b);
  g_clear_object (&store);

  for (guint i = 0; i < iterations; i++)
    kill_child_once (path);

  /* Every child wrote a whole batch before it was killed among the next
   * ones: at least one CREATED event each, besides A's and B's. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM history WHERE kind = 'CREATED'"), >=,
                   iterations + 2);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2]);

  self_exe = argv[0];
  cs_test_init (&argc, &argv);

  g_test_add_func ("/store/round-trip", test_round_trip);
  g_test_add_func ("/store/freed-in-callback", test_freed_in_callback);
  g_test_add_func ("/store/migration-v1", test_migration_v1);
  g_test_add_func ("/store/permissions", test_permissions);
  g_test_add_func ("/store/pragmas", test_pragmas);
  g_test_add_func ("/store/damaged", test_damaged);
  g_test_add_func ("/store/newer", test_newer);
  g_test_add_func ("/store/empty-file-is-new", test_empty_file_is_new);
  g_test_add_func ("/store/locked", test_locked);
  g_test_add_func ("/store/not-open", test_not_open);
  g_test_add_func ("/store/batches", test_batches);
  g_test_add_func ("/store/in-step", test_in_step);
  g_test_add_func ("/store/async-api", test_async_api);
  g_test_add_func ("/store/async-not-open", test_async_not_open);
  g_test_add_func ("/store/open-failure-async", test_open_failure_async);
  g_test_add_func ("/store/foreign", test_foreign);
  g_test_add_func ("/store/disk-full", test_disk_full);
  g_test_add_func ("/store/io-errors", test_io_errors);
  g_test_add_func ("/store/properties", test_properties);
  g_test_add_func ("/store/crash", test_crash);

  return g_test_run ();
}
