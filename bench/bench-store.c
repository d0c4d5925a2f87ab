/* bench-store.c — the store at scale: open 10,000 records, make-default, activate
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-store FIXTURE_DIR
 *
 * Works on a copy of FIXTURE_DIR/r10000 (bench-fixture), as the UI does:
 * the _async operations with a main loop, from the call to the callback.
 *
 * Transactions are counted from SQLite itself: this program provides
 * sqlite3_open_v2(), which the store's static library binds to, and which
 * opens the connection through SQLite's own and puts a statement trace on
 * it. A write transaction is a BEGIN, or a writing statement run outside
 * one (autocommit).
 */

#define _GNU_SOURCE 1   /* RTLD_NEXT */

#include "config.h"

#include <dlfcn.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include "cs-bench.h"
#include "cs-store.h"

#define N_RECORDS 10000

/* --- Counting transactions ------------------------------------------ */

static gint transactions;     /* atomic: counted on the store's worker */
static gint statements;

static int
trace_cb (unsigned int  type,
          void         *context,
          void         *p,
          void         *x)
{
  sqlite3 *db = context;
  sqlite3_stmt *stmt = p;
  const char *sql = x;

  g_atomic_int_inc (&statements);
  if (g_ascii_strncasecmp (sql, "BEGIN", 5) == 0)
    g_atomic_int_inc (&transactions);
  else if (sqlite3_get_autocommit (db) && !sqlite3_stmt_readonly (stmt))
    g_atomic_int_inc (&transactions);
  return 0;
}

int
sqlite3_open_v2 (const char  *filename,
                 sqlite3    **db,
                 int          flags,
                 const char  *vfs)
{
  typedef int (*OpenFunc) (const char *, sqlite3 **, int, const char *);
  OpenFunc real_open = (OpenFunc) dlsym (RTLD_NEXT, "sqlite3_open_v2");
  int rc = real_open (filename, db, flags, vfs);

  if (rc == SQLITE_OK)
    sqlite3_trace_v2 (*db, SQLITE_TRACE_STMT, trace_cb, *db);
  return rc;
}

/* --- Running operations --------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = cs_store_open_finish (CS_STORE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
make_default_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = cs_store_make_default_finish (CS_STORE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
activate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = cs_store_activate_finish (CS_STORE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
wait_run (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_assert_no_error (wait->error);
  g_assert (wait->ok);
}

/* The CPU time of the process so far (every thread, user and system), in
 * ms: on a shared machine, the part of a wall time that is our own work. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static double last_open_cpu;

/* Opens @path asynchronously, in ms from the call to the callback, when
 * the model holds every record. */
static double
time_open (const char  *path,
           CsStore    **out)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, FALSE, NULL };
  CsStore *store = cs_store_new (path);
  double start = cs_bench_now_ms ();
  double cpu_start = cpu_ms ();

  cs_store_open_async (store, NULL, open_cb, &wait);
  wait_run (&wait);
  start = cs_bench_now_ms () - start;
  last_open_cpu = cpu_ms () - cpu_start;
  g_assert_cmpuint (g_list_model_get_n_items (cs_store_get_records (store)), ==, N_RECORDS);
  if (out != NULL)
    *out = store;
  else
    g_object_unref (store);
  return start;
}

static void
bench_open (const char *path,
            guint       runs)
{
  g_autoptr(CsBenchSamples) samples = cs_bench_samples_new ();
  g_autoptr(CsBenchSamples) cpu_samples = cs_bench_samples_new ();
  g_autoptr(CsBenchSamples) sync_samples = cs_bench_samples_new ();

  time_open (path, NULL);    /* warms the page cache */
  for (guint i = 0; i < runs; i++)
    {
      cs_bench_samples_add (samples, time_open (path, NULL));
      cs_bench_samples_add (cpu_samples, last_open_cpu);
    }
  cs_bench_report ("store: open 10,000 records and fill the list model", samples, "ms",
                   CS_BENCH_AT_MOST, 300);
  cs_bench_report ("  (its CPU time, all threads)", cpu_samples, "ms", CS_BENCH_INFO, 0);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(CsStore) store = cs_store_new (path);
      g_autoptr(GError) error = NULL;
      double start = cs_bench_now_ms ();

      cs_store_open_sync (store, NULL, &error);
      g_assert_no_error (error);
      cs_bench_samples_add (sync_samples, cs_bench_now_ms () - start);
    }
  cs_bench_report ("  (the same, cs_store_open_sync)", sync_samples, "ms", CS_BENCH_INFO, 0);
}

/* Two ready, enabled records: the default and another. */
static void
find_two_ready (CsStore   *store,
                CsRecord **current,
                CsRecord **other)
{
  GListModel *records = cs_store_get_records (store);

  *current = cs_store_get_default_record (store);
  *other = NULL;
  for (guint i = 0; *other == NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (records, i);

      if (record != *current && cs_record_get_can_make_default (record))
        *other = record;
    }
  g_assert (*current != NULL && *other != NULL);
}

typedef struct
{
  CsBenchSamples *time;
  CsBenchSamples *transactions;
  CsBenchSamples *statements;
} OpSamples;

static void
op_begin (void)
{
  g_atomic_int_set (&transactions, 0);
  g_atomic_int_set (&statements, 0);
}

static void
op_end (OpSamples *samples,
        double     start)
{
  cs_bench_samples_add (samples->time, cs_bench_now_ms () - start);
  cs_bench_samples_add (samples->transactions, g_atomic_int_get (&transactions));
  cs_bench_samples_add (samples->statements, g_atomic_int_get (&statements));
}

static void
op_samples_init (OpSamples *samples)
{
  samples->time = cs_bench_samples_new ();
  samples->transactions = cs_bench_samples_new ();
  samples->statements = cs_bench_samples_new ();
}

static void
op_samples_report (OpSamples  *samples,
                   const char *name)
{
  g_autofree char *time_name = g_strdup_printf ("store: %s on 10,000 records", name);
  g_autofree char *count_name = g_strdup_printf ("store: %s, write transactions", name);
  g_autofree char *statement_name = g_strdup_printf ("  (%s, SQL statements)", name);

  cs_bench_report (time_name, samples->time, "ms", CS_BENCH_INFO, 0);
  cs_bench_report_count (count_name, samples->transactions, "", 1);
  cs_bench_report (statement_name, samples->statements, "", CS_BENCH_INFO, 0);
  cs_bench_samples_free (samples->time);
  cs_bench_samples_free (samples->transactions);
  cs_bench_samples_free (samples->statements);
}

/* Make-default flips the default between two records; each is followed by
 * an activation, which then has one change to publish. */
static void
bench_default_and_activate (const char *path,
                            const char *deploy_dir,
                            guint       runs)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(CsStore) store = NULL;
  CsRecord *records[2];
  OpSamples make_default, activate;

  time_open (path, &store);
  find_two_ready (store, &records[0], &records[1]);
  g_object_ref (records[0]);
  g_object_ref (records[1]);
  op_samples_init (&make_default);
  op_samples_init (&activate);

  for (guint i = 0; i < runs; i++)
    {
      Wait wait = { loop, FALSE, NULL };
      double start;

      op_begin ();
      start = cs_bench_now_ms ();
      cs_store_make_default_async (store, records[(i + 1) % 2], NULL, make_default_cb, &wait);
      wait_run (&wait);
      op_end (&make_default, start);
      g_assert (cs_store_get_n_pending_changes (store) > 0);

      op_begin ();
      start = cs_bench_now_ms ();
      cs_store_activate_async (store, deploy_dir, NULL, activate_cb, &wait);
      wait_run (&wait);
      op_end (&activate, start);
      g_assert_cmpuint (cs_store_get_n_pending_changes (store), ==, 0);
    }
  op_samples_report (&make_default, "make-default");
  op_samples_report (&activate, "activate");
  g_object_unref (records[0]);
  g_object_unref (records[1]);
}

static char *
copy_fixture (const char *fixtures)
{
  g_autofree char *source_home = g_build_filename (fixtures, "r10000", NULL);
  g_autofree char *source = cs_bench_store_path (source_home);
  g_autofree char *home = g_build_filename (fixtures, "store-bench", NULL);
  char *path = cs_bench_store_path (home);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  gsize length;

  g_mkdir_with_parents (dir, 0700);
  if (!g_file_get_contents (source, &contents, &length, NULL) ||
      !g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    g_error ("Could not copy %s: run bench-fixture first", source);
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autofree char *deploy_dir = NULL;

  g_set_prgname ("bench-store");
  if (argc != 2)
    {
      g_printerr ("Usage: bench-store FIXTURE_DIR\n");
      return 2;
    }

  path = copy_fixture (argv[1]);
  deploy_dir = g_build_filename (argv[1], "store-bench", "active", NULL);
  bench_open (path, cs_bench_runs (10));
  bench_default_and_activate (path, deploy_dir, cs_bench_runs (10));
  return 0;
}
