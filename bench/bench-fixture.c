/* bench-fixture.c — the stores the benchmarks open: 0, 1,000 and 10,000 records
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-fixture DIR
 *
 * Makes DIR/template, then DIR/r0, DIR/r1000 and DIR/r10000, each laid out
 * as an $XDG_DATA_HOME (chainsmith/chainsmith.db). The four templates, one
 * per kind of record (ready with a chain, CSR made, key made, general only),
 * are made through the store's own _sync API, so they are what Chainsmith
 * writes; the N records are then cloned from them by SQL in one transaction
 * (the clone copies every column the schema has, whatever its version), with
 * their own names, descriptions and status. 70 % are ready, one of them the
 * default, and the store is activated, as a store in use would be.
 *
 * The cloned records share the templates' key pairs and certificates: the
 * bytes are stored per row, so the database has the size and the layout of
 * a real one. The keys are throwaway keys of the benchmark.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cs-bench.h"
#include "cs-store.h"

enum { T_READY, T_CSR, T_KEY, T_GENERAL, N_TEMPLATES };

static CsRecord *
make_record (CsStore    *store,
             const char *name,
             guint       steps,
             CsBenchPki *pki)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = NULL;
  g_autoptr(CsSubject) subject = cs_subject_new ();
  g_autoptr(CsInspectionReport) report = NULL;
  g_autoptr(CsInspectionReport) chain_report = NULL;
  g_autoptr(CsRecordDetails) details = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *chain = NULL;
  g_autoptr(GBytes) certificate_bytes = NULL;
  g_autoptr(GBytes) chain_bytes = NULL;

  record = cs_store_create_record_sync (store, name, "Template", TRUE, NULL, &error);
  g_assert_no_error (error);
  if (steps < 1)
    return g_steal_pointer (&record);

  cs_store_generate_key_pair_sync (store, record, CS_KEY_TYPE_RSA_2048, FALSE, NULL, &error);
  g_assert_no_error (error);
  if (steps < 2)
    return g_steal_pointer (&record);

  cs_subject_set (subject, CS_SUBJECT_COMMON_NAME, CS_BENCH_SUBJECT_CN);
  cs_subject_set (subject, CS_SUBJECT_ORGANIZATION, CS_BENCH_SUBJECT_O);
  cs_subject_set (subject, CS_SUBJECT_DEPARTMENT, "Network Security");
  cs_subject_set (subject, CS_SUBJECT_CITY, "Berlin");
  cs_subject_set (subject, CS_SUBJECT_COUNTRY, CS_BENCH_SUBJECT_C);
  cs_store_generate_csr_sync (store, record, subject, CS_DIGEST_SHA256, 1, "inspection-ca", FALSE,
                              NULL, &error);
  g_assert_no_error (error);
  if (steps < 3)
    return g_steal_pointer (&record);

  details = cs_store_load_details_sync (store, record, NULL, &error);
  g_assert_no_error (error);
  certificate = cs_bench_pki_sign_csr (pki, cs_record_details_get_csr_pem (details), 1);
  chain = cs_bench_pki_chain_pem (pki);
  certificate_bytes = g_bytes_new (certificate, strlen (certificate));
  chain_bytes = g_bytes_new (chain, strlen (chain));
  cs_store_upload_certificate_sync (store, record, certificate_bytes, "inspection-ca.pem", &report,
                                    NULL, &error);
  g_assert_no_error (error);
  cs_store_upload_chain_sync (store, record, chain_bytes, "chain.pem", &chain_report, NULL, &error);
  g_assert_no_error (error);
  cs_store_finalize_sync (store, record, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&record);
}

/* Opens (creating) the store at @path through CsStore, so that the schema
 * is the one this build writes; with @pki, adds the four templates and
 * returns their ids. */
static void
make_store (const char *path,
            CsBenchPki *pki,
            gint64      ids[N_TEMPLATES])
{
  g_autoptr(CsStore) store = cs_store_new (path);
  g_autoptr(GError) error = NULL;
  static const char * const names[N_TEMPLATES] = {
    "Template ready", "Template CSR", "Template key", "Template general",
  };

  cs_store_open_sync (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; pki != NULL && i < N_TEMPLATES; i++)
    {
      g_autoptr(CsRecord) record = make_record (store, names[i], N_TEMPLATES - 1 - i, pki);

      ids[i] = cs_record_get_id (record);
    }
  /* Disposing the store closes the connection on its worker. */
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", message, sql);
}

/* Every column of records but those the clone sets itself. */
static char *
copied_columns (sqlite3    *db,
                const char *prefix)
{
  static const char * const own[] = {
    "id", "name", "description", "enabled", "is_default", "active_default", NULL,
  };
  g_autoptr(GString) columns = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  cs_bench_check (sqlite3_prepare_v2 (db, "PRAGMA table_info(records)", -1, &stmt, NULL) ==
                  SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (!g_strv_contains (own, name))
        g_string_append_printf (columns, ", %s%s", prefix, name);
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&columns), FALSE);
}

#define NAME_EXPR "printf ('Inspection CA %05d', s.n)"
#define DESCRIPTION_EXPR \
  "printf ('%s proxy of the %s office, rollout %d', " \
  "  CASE s.n % 5 WHEN 0 THEN 'Outbound web' WHEN 1 THEN 'Guest Wi-Fi' WHEN 2 THEN 'Data centre'" \
  "    WHEN 3 THEN 'Branch' ELSE 'Mail gateway' END," \
  "  CASE s.n % 8 WHEN 0 THEN 'Berlin' WHEN 1 THEN 'Lisbon' WHEN 2 THEN 'Osaka'" \
  "    WHEN 3 THEN 'Toronto' WHEN 4 THEN 'Nairobi' WHEN 5 THEN 'Lima' WHEN 6 THEN 'Oslo'" \
  "    ELSE 'Perth' END," \
  "  2020 + s.n % 6)"

static void
clone_records (sqlite3      *db,
               guint         n_records,
               const gint64  ids[N_TEMPLATES])
{
  g_autofree char *into = copied_columns (db, "");
  g_autofree char *from = copied_columns (db, "r.");
  g_autofree char *seq = NULL;
  g_autofree char *insert = NULL;

  /* 70 % ready, 10 % each of the drafts; one in seven disabled. */
  seq = g_strdup_printf (
    "CREATE TEMP TABLE seq (n INTEGER PRIMARY KEY, template INTEGER);"
    "WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < %u)"
    " INSERT INTO seq SELECT n, CASE n %% 10 WHEN 0 THEN %" G_GINT64_FORMAT
    "  WHEN 1 THEN %" G_GINT64_FORMAT " WHEN 2 THEN %" G_GINT64_FORMAT
    "  ELSE %" G_GINT64_FORMAT " END FROM c;",
    n_records, ids[T_GENERAL], ids[T_KEY], ids[T_CSR], ids[T_READY]);
  exec_sql (db, seq);

  insert = g_strconcat ("INSERT INTO records (name, description, enabled", into, ")"
                        " SELECT " NAME_EXPR ", " DESCRIPTION_EXPR ", s.n % 7 != 0", from,
                        " FROM seq s JOIN records r ON r.id = s.template ORDER BY s.n;", NULL);
  exec_sql (db, insert);
  exec_sql (db,
            "INSERT INTO keys (record_id, private_key)"
            " SELECT r.id, k.private_key FROM seq s JOIN records r ON r.name = " NAME_EXPR
            " JOIN keys k ON k.record_id = s.template;"
            "DELETE FROM keys WHERE record_id IN (SELECT template FROM seq);"
            "DELETE FROM records WHERE id IN (SELECT template FROM seq);"
            "DROP TABLE seq;");
}

/* As an activation leaves it: the default published, nothing pending. */
static void
activate (sqlite3 *db)
{
  exec_sql (db,
            "UPDATE records SET is_default = 1 WHERE id = (SELECT min (id) FROM records"
            " WHERE state = 'CERT_READY' AND enabled = 1);"
            "UPDATE records SET active_enabled = (enabled = 1 AND state = 'CERT_READY'),"
            " active_certificate = certificate, active_chain = chain,"
            " active_default = is_default;");
}

static void
fill (const char   *template_path,
      const char   *path,
      guint         n_records,
      const gint64  ids[N_TEMPLATES])
{
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db = NULL;
  gsize length;

  if (n_records == 0)
    {
      make_store (path, NULL, NULL);
      return;
    }
  cs_bench_check (g_mkdir_with_parents (dir, 0700) == 0);
  cs_bench_check (g_file_get_contents (template_path, &contents, &length, NULL));
  cs_bench_check (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE,
                                            0600, NULL));

  cs_bench_check (sqlite3_open (path, &db) == SQLITE_OK);
  exec_sql (db, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE");
  clone_records (db, n_records, ids);
  activate (db);
  exec_sql (db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 0, 1000, 10000 };
  g_autoptr(CsBenchPki) pki = NULL;
  g_autofree char *template_home = NULL;
  g_autofree char *template_path = NULL;
  gint64 ids[N_TEMPLATES] = { 0, };
  double start = cs_bench_now_ms ();

  g_set_prgname ("bench-fixture");
  if (argc != 2)
    {
      g_printerr ("Usage: bench-fixture DIR\n");
      return 2;
    }

  pki = cs_bench_pki_new ();
  template_home = g_build_filename (argv[1], "template", NULL);
  template_path = cs_bench_store_path (template_home);
  make_store (template_path, pki, ids);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u", sizes[i]);
      g_autofree char *home = g_build_filename (argv[1], name, NULL);
      g_autofree char *path = cs_bench_store_path (home);

      fill (template_path, path, sizes[i], ids);
    }
  cs_bench_note ("stores of 0, 1000 and 10000 records made in %.0f ms", cs_bench_now_ms () - start);
  return 0;
}
