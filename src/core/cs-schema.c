/* cs-schema.c — opening, checking and migrating the database
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on the store's worker thread only. The order of cs_schema_open()
 * matters: nothing may write to a file before it is known to be a healthy
 * Chainsmith database of a version this build understands.
 *
 *   1. the folder: created 0700 (and tightened to 0700 if it is ours);
 *   2. the file: created with open(…, 0600) when absent, so that SQLite's
 *      -wal and -shm files, which take the database's mode, are 0600 too;
 *      a non-empty file must start with SQLite's header;
 *   3. SQLite opens it with checkpoint-on-close off, reads user_version
 *      (newer: refused) and runs quick_check (damaged: refused);
 *   4. only then: WAL, the pragmas, and the migrations in one transaction.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-error.h"
#include "cs-store-private.h"

#define SQLITE_HEADER "SQLite format 3"   /* 16 bytes with its NUL */
#define MIN_DATABASE_SIZE 512             /* the smallest page size */

static int busy_timeout_ms = 3000;
static guint max_page_count;

/* Version 1: records, their keys, and the history of events. */
static const char schema_v1[] =
  "PRAGMA application_id = " G_STRINGIFY (CS_APPLICATION_ID) ";"
  "CREATE TABLE records ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  type TEXT NOT NULL DEFAULT 'CUSTOM_SW' CHECK (type = 'CUSTOM_SW'),"
  "  region TEXT NOT NULL DEFAULT 'GLOBAL' CHECK (region = 'GLOBAL'),"
  "  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),"
  "  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),"
  "  state TEXT NOT NULL DEFAULT 'GENERAL_DONE',"
  "  key_type TEXT,"
  "  public_key TEXT,"
  "  key_fingerprint TEXT,"
  "  key_time INTEGER NOT NULL DEFAULT 0,"
  "  csr TEXT,"
  "  csr_file_name TEXT,"
  "  csr_time INTEGER NOT NULL DEFAULT 0,"
  "  subject_cn TEXT, subject_o TEXT, subject_ou TEXT,"
  "  subject_l TEXT, subject_st TEXT, subject_c TEXT,"
  "  signature_algorithm TEXT,"
  "  path_length INTEGER,"
  "  certificate TEXT,"
  "  cert_file_name TEXT,"
  "  cert_start INTEGER NOT NULL DEFAULT 0,"
  "  cert_exp INTEGER NOT NULL DEFAULT 0,"
  "  chain TEXT,"
  "  root TEXT,"
  "  chain_file_name TEXT,"
  "  CHECK (is_default = 0 OR (enabled = 1 AND state = 'CERT_READY'))"
  ");"
  "CREATE UNIQUE INDEX records_one_default ON records (is_default) WHERE is_default = 1;"
  "CREATE TABLE keys ("
  "  record_id INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,"
  "  private_key BLOB NOT NULL"
  ");"
  "CREATE TABLE history ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  time INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  record_id INTEGER NOT NULL DEFAULT 0,"
  "  record_name TEXT NOT NULL DEFAULT ''"
  ");";

/* Version 2: the active configuration (what the last activation published)
 * beside the saved one, and a detail column in the history (the old
 * certificate of a replacement, the changes of an activation). */
static const char schema_v2[] =
  "ALTER TABLE records ADD COLUMN active_enabled INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE records ADD COLUMN active_default INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE records ADD COLUMN active_certificate TEXT;"
  "ALTER TABLE records ADD COLUMN active_chain TEXT;"
  "ALTER TABLE history ADD COLUMN detail TEXT;"
  "CREATE UNIQUE INDEX records_one_active_default ON records (active_default)"
  "  WHERE active_default = 1;";

/* migrations[v] takes a database from version v to v + 1. */
static const char * const migrations[CS_SCHEMA_VERSION] = {
  schema_v1,
  schema_v2,
};

void
cs_schema_set_busy_timeout (int ms)
{
  busy_timeout_ms = ms;
}

/* For tests: a database limited to @pages pages fails with SQLITE_FULL, as on
 * a full disk. 0 removes the limit. */
void
cs_schema_set_max_page_count (guint pages)
{
  max_page_count = pages;
}

static gboolean
is_no_space_errno (int saved_errno)
{
  return saved_errno == ENOSPC || saved_errno == EDQUOT;
}

static gboolean
file_out_of_space (sqlite3_file *file)
{
  int last_errno = 0;

  return file != NULL && file->pMethods != NULL &&
         file->pMethods->xFileControl (file, SQLITE_FCNTL_LAST_ERRNO, &last_errno) == SQLITE_OK &&
         is_no_space_errno (last_errno);
}

/* Whether the last I/O error of @db was a lack of space. SQLite keeps the
 * errno of a failed fsync only in the file that failed (the database or its
 * WAL), not in sqlite3_system_errno(). */
static gboolean
is_out_of_space (sqlite3 *db)
{
  sqlite3_file *file = NULL;
  sqlite3_file *journal = NULL;

  if (is_no_space_errno (sqlite3_system_errno (db)))
    return TRUE;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK &&
      file_out_of_space (file))
    return TRUE;
  return sqlite3_file_control (db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &journal) == SQLITE_OK &&
         file_out_of_space (journal);
}

/*
 * cs_db_set_error:
 * @error: return location
 * @db: (nullable): the connection, for SQLite's own message
 * @rc: the SQLite result code
 * @path: the database file, named in every message
 *
 * Sets @error to the CS_ERROR code of @rc's cause, in plain words.
 */
void
cs_db_set_error (GError    **error,
                 sqlite3    *db,
                 int         rc,
                 const char *path)
{
  const char *reason = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int primary = rc & 0xff;

  /* A write, fsync or -shm extension that failed for want of space is an
   * SQLITE_IOERR_* code: the system's errno tells that the disk is full. */
  if (primary == SQLITE_IOERR && db != NULL && is_out_of_space (db))
    primary = SQLITE_FULL;

  switch (primary)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CS_ERROR, CS_ERROR_STORE_LOCKED,
                   _("The database “%s” is in use by another program. Close the other "
                     "Chainsmith window or command, then try again."), path);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, CS_ERROR, CS_ERROR_STORE_DAMAGED,
                   _("The file “%s” is damaged or is not a Chainsmith database (%s). It was "
                     "left untouched: move it aside to start a new store, or restore a backup."),
                   path, reason);
      break;
    case SQLITE_FULL:
      g_set_error (error, CS_ERROR, CS_ERROR_STORE_FULL,
                   _("The disk that holds “%s” is full. Nothing was changed; free some space "
                     "and try again."), path);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, CS_ERROR, CS_ERROR_RULE,
                   _("The database “%s” refused the change: %s"), path, reason);
      break;
    default:
      g_set_error (error, CS_ERROR, CS_ERROR_STORE_IO,
                   _("Could not read or write the database “%s”: %s"), path, reason);
      break;
    }
}

static void
set_errno_error (GError     **error,
                 CsError      code,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, CS_ERROR, code,
               _("Could not open the database “%s”: %s"), path, g_strerror (saved_errno));
}

gboolean
cs_db_exec (sqlite3     *db,
            const char  *sql,
            GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      cs_db_set_error (error, db, rc, sqlite3_db_filename (db, "main"));
      return FALSE;
    }
  return TRUE;
}

gboolean
cs_db_begin (sqlite3  *db,
             GError  **error)
{
  return cs_db_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
cs_db_commit (sqlite3  *db,
              GError  **error)
{
  if (cs_db_exec (db, "COMMIT", error))
    return TRUE;
  cs_db_rollback (db);
  return FALSE;
}

void
cs_db_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
is_default_folder (const char *dir)
{
  g_autofree char *ours = g_build_filename (g_get_user_data_dir (), "chainsmith", NULL);

  return g_strcmp0 (ours, dir) == 0;
}

/* The folder: 0700 when created; our own default folder is tightened to
 * 0700 if someone widened it. A folder the user chose is left as it is. */
static gboolean
prepare_folder (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  gboolean existed = g_file_test (dir, G_FILE_TEST_IS_DIR);

  if (!existed && g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_errno_error (error, CS_ERROR_STORE_IO, path, errno);
      return FALSE;
    }
  if ((!existed || is_default_folder (dir)) && g_chmod (dir, 0700) != 0)
    {
      set_errno_error (error, CS_ERROR_STORE_IO, path, errno);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_foreign (const char  *path,
                GError     **error)
{
  g_set_error (error, CS_ERROR, CS_ERROR_STORE_DAMAGED,
               _("The file “%s” is not a Chainsmith database (it does not start like an "
                 "SQLite database). It was left untouched: move it aside to start a new "
                 "store."), path);
  return FALSE;
}

/* The header is read through SQLite's own file handle: opening and closing
 * another descriptor on the file would drop every POSIX lock that this
 * process holds on it, those of other connections included. */
static gboolean
check_header (sqlite3     *db,
              const char  *path,
              GError     **error)
{
  char header[sizeof SQLITE_HEADER] = { 0 };
  sqlite3_file *file = NULL;

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == NULL || file->pMethods == NULL)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_STORE_IO,
                   _("Could not read the database “%s”."), path);
      return FALSE;
    }
  if (file->pMethods->xRead (file, header, sizeof header, 0) != SQLITE_OK ||
      memcmp (header, SQLITE_HEADER, sizeof header) != 0)
    return refuse_foreign (path, error);
  return TRUE;
}

/* The file: created 0600 before SQLite sees it. An empty file counts as new
 * (and is tightened to 0600); a file too short for a database is refused. */
static gboolean
prepare_file (const char  *path,
              gboolean    *is_new,
              GError     **error)
{
  struct stat st;
  int fd;

  if (g_lstat (path, &st) != 0 && errno == ENOENT)
    {
      /* A new file: no connection of this process can hold locks on it. */
      fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd < 0)
        {
          set_errno_error (error, CS_ERROR_STORE_IO, path, errno);
          return FALSE;
        }
      close (fd);
      *is_new = TRUE;
      return TRUE;
    }

  *is_new = st.st_size == 0;
  if (*is_new && g_chmod (path, 0600) != 0)
    {
      set_errno_error (error, CS_ERROR_STORE_IO, path, errno);
      return FALSE;
    }
  if (!*is_new && st.st_size < MIN_DATABASE_SIZE)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_STORE_DAMAGED,
                   _("The file “%s” is damaged: it is too short to be a database. It was left "
                     "untouched: move it aside to start a new store, or restore a backup."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           const char  *path,
           int         *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int (stmt, 0);
  else
    cs_db_set_error (error, db, rc, path);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
check_version (sqlite3     *db,
               const char  *path,
               GError     **error)
{
  int version = 0;

  if (!query_int (db, "PRAGMA user_version", path, &version, error))
    return FALSE;

  if (version > CS_SCHEMA_VERSION)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_STORE_NEWER,
                   _("The database “%s” was written by a newer version of Chainsmith (schema %d; "
                     "this version knows %d). Update Chainsmith to open it; the file was left "
                     "untouched."), path, version, CS_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_integrity (sqlite3     *db,
                 const char  *path,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  g_autofree char *result = NULL;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    cs_db_set_error (error, db, rc, path);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_ROW && g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_STORE_DAMAGED,
                   _("The database “%s” is damaged (%s). It was left untouched: move it aside "
                     "to start a new store, or restore a backup."), path, result);
      return FALSE;
    }
  return rc == SQLITE_ROW;
}

static gboolean
set_wal (sqlite3     *db,
         const char  *path,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  gboolean ok;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  ok = rc == SQLITE_ROW &&
       g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  if (rc != SQLITE_ROW)
    cs_db_set_error (error, db, rc, path);
  else if (!ok)
    g_set_error (error, CS_ERROR, CS_ERROR_STORE_IO,
                 _("The database “%s” could not be switched to write-ahead logging; is its "
                   "folder on a network file system?"), path);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
configure (sqlite3     *db,
           GError     **error)
{
  g_autofree char *limit = NULL;

  if (!cs_db_exec (db,
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA secure_delete = ON;"
                   "PRAGMA synchronous = FULL;",
                   error))
    return FALSE;
  if (max_page_count == 0)
    return TRUE;
  limit = g_strdup_printf ("PRAGMA max_page_count = %u", max_page_count);
  return cs_db_exec (db, limit, error);
}

static gboolean
refuse_foreign_schema (const char  *path,
                       GError     **error)
{
  g_set_error (error, CS_ERROR, CS_ERROR_STORE_DAMAGED,
               _("The file “%s” is an SQLite database, but not one of Chainsmith (or its "
                 "tables are damaged). It was left untouched: move it aside to start a new "
                 "store."), path);
  return FALSE;
}

/* A database of another program is refused: a Chainsmith database carries
 * our application_id; only an empty database (version 0) is made ours. */
static gboolean
check_identity (sqlite3     *db,
                const char  *path,
                GError     **error)
{
  int application_id = 0;
  int version = 0;
  int n_objects = 0;

  if (!query_int (db, "PRAGMA application_id", path, &application_id, error) ||
      !query_int (db, "PRAGMA user_version", path, &version, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_master", path, &n_objects, error))
    return FALSE;

  if (application_id == CS_APPLICATION_ID || (version == 0 && n_objects == 0 && application_id == 0))
    return TRUE;
  return refuse_foreign_schema (path, error);
}

static gboolean
run_migrations (sqlite3     *db,
                const char  *path,
                int          version,
                GError     **error)
{
  for (int v = version; v < CS_SCHEMA_VERSION; v++)
    {
      g_autoptr(GError) local = NULL;

      if (!cs_db_exec (db, migrations[v], &local))
        {
          /* A step that does not fit the tables: not the schema it claims. */
          if (local->code == CS_ERROR_STORE_IO)
            return refuse_foreign_schema (path, error);
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return version == CS_SCHEMA_VERSION ||
         cs_db_exec (db, "PRAGMA user_version = " G_STRINGIFY (CS_SCHEMA_VERSION), error);
}

static gboolean
migrate (sqlite3     *db,
         const char  *path,
         GError     **error)
{
  int version = 0;

  if (!cs_db_begin (db, error))
    return FALSE;

  /* Read again inside the transaction: another process may have migrated. */
  if (!check_version (db, path, error) ||
      !query_int (db, "PRAGMA user_version", path, &version, error) ||
      !run_migrations (db, path, version, error))
    {
      cs_db_rollback (db);
      return FALSE;
    }
  return cs_db_commit (db, error);
}

static sqlite3 *
open_connection (const char  *path,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      cs_db_set_error (error, db, rc, path);
      sqlite3_close_v2 (db);
      return NULL;
    }

  /* Until the checks pass, closing must not checkpoint a WAL into the file. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, busy_timeout_ms);
  return db;
}

/*
 * cs_schema_open:
 * @path: the database file
 * @error: return location for a CS_ERROR_STORE_* error
 *
 * Opens (creating if absent or empty) and checks the database, and migrates
 * it to %CS_SCHEMA_VERSION. A damaged, foreign or newer file is refused
 * before anything writes to it.
 *
 * Returns: (transfer full): the connection, for the worker thread only
 */
sqlite3 *
cs_schema_open (const char  *path,
                GError     **error)
{
  gboolean is_new = FALSE;
  sqlite3 *db;

  if (!prepare_folder (path, error) || !prepare_file (path, &is_new, error))
    return NULL;

  db = open_connection (path, error);
  if (db == NULL)
    return NULL;

  /* WAL last: switching to it writes the header, which a refused file must
   * keep as it was; a failed migration is rolled back. */
  if ((!is_new && !check_header (db, path, error)) || !check_identity (db, path, error) ||
      !check_version (db, path, error) || !check_integrity (db, path, error) ||
      !configure (db, error) || !migrate (db, path, error) || !set_wal (db, path, error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }

  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  return db;
}

void
cs_schema_close (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close_v2 (db);
}
