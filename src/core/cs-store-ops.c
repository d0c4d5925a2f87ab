/* cs-store-ops.c — what each operation of the store does, on its worker thread
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each operation checks the record's state in the database and changes it
 * inside one BEGIN IMMEDIATE transaction, together with its history event;
 * the rows it changed are read back inside the same transaction and handed
 * to the main thread (cs-store.c), which applies them to the records.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <openssl/crypto.h>
#include <string.h>

#include "cs-error.h"
#include "cs-key-pair-private.h"
#include "cs-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define MAX_NAME_LENGTH 100
#define MAX_DESCRIPTION_LENGTH 1000

#define ROW_SELECT \
  "SELECT id, name, description, enabled, is_default, state, key_type, public_key," \
  " key_fingerprint, key_time, csr_file_name, csr_time, subject_cn, subject_o, subject_ou," \
  " subject_l, subject_st, subject_c, signature_algorithm, path_length, cert_file_name," \
  " chain_file_name, cert_start, cert_exp, ifnull (chain, '') != '', root IS NOT NULL," \
  " active_enabled, active_default, certificate IS NOT active_certificate," \
  " chain IS NOT active_chain FROM records"

#define CLEAR_CERTIFICATE \
  "certificate = NULL, cert_file_name = NULL, cert_start = 0, cert_exp = 0, chain = NULL," \
  " root = NULL, chain_file_name = NULL"

#define CLEAR_CSR \
  "csr = NULL, csr_file_name = NULL, csr_time = 0, subject_cn = NULL, subject_o = NULL," \
  " subject_ou = NULL, subject_l = NULL, subject_st = NULL, subject_c = NULL," \
  " signature_algorithm = NULL, path_length = NULL"

void
cs_store_op_free (CsStoreOp *op)
{
  if (op == NULL)
    return;

  g_free (op->name);
  g_free (op->description);
  g_clear_object (&op->key_pair);
  g_clear_pointer (&op->subject, cs_subject_free);
  g_free (op->file_name);
  g_clear_pointer (&op->data, g_bytes_unref);
  g_free (op->deploy_dir);
  g_free (op->pending_text);
  g_clear_pointer (&op->now, g_date_time_unref);
  g_clear_pointer (&op->rows, g_ptr_array_unref);
  g_clear_pointer (&op->deleted, g_array_unref);
  g_clear_object (&op->report);
  g_clear_object (&op->details);
  g_clear_pointer (&op->history, g_ptr_array_unref);
  cs_schema_close (op->opened);
  g_free (op);
}

/* Statements. */

static const char *
db_path (sqlite3 *db)
{
  return sqlite3_db_filename (db, "main");
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      cs_db_set_error (error, db, rc, db_path (db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  cs_db_set_error (error, db, rc, db_path (db));
  return FALSE;
}

/* Steps to the first row: TRUE with *found set, or FALSE on an error. */
static gboolean
step_row (sqlite3       *db,
          sqlite3_stmt  *stmt,
          gboolean      *found,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  *found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  cs_db_set_error (error, db, rc, db_path (db));
  return FALSE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

static gint64
now_seconds (CsStoreOp *op)
{
  return g_date_time_to_unix (op->now);
}

/* Rows. */

static CsRecordRow *
row_from_stmt (sqlite3_stmt *stmt)
{
  CsRecordRow *row = cs_record_row_new ();
  int c = 0;

  row->id = sqlite3_column_int64 (stmt, c++);
  row->name = column_text (stmt, c++);
  row->description = column_text (stmt, c++);
  row->enabled = sqlite3_column_int (stmt, c++);
  row->is_default = sqlite3_column_int (stmt, c++);
  cs_record_state_from_api_name ((const char *) sqlite3_column_text (stmt, c++), &row->state);
  row->has_key = cs_key_type_from_api_name ((const char *) sqlite3_column_text (stmt, c++),
                                            &row->key_type);
  row->public_key = column_text (stmt, c++);
  row->key_fingerprint = column_text (stmt, c++);
  row->key_time = sqlite3_column_int64 (stmt, c++);
  row->csr_file_name = column_text (stmt, c++);
  row->csr_time = sqlite3_column_int64 (stmt, c++);
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    row->subject[i] = column_text (stmt, c++);
  cs_digest_from_api_name ((const char *) sqlite3_column_text (stmt, c++), &row->digest);
  row->path_length = sqlite3_column_type (stmt, c) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, c);
  c++;
  row->cert_file_name = column_text (stmt, c++);
  row->chain_file_name = column_text (stmt, c++);
  row->cert_start = sqlite3_column_int64 (stmt, c++);
  row->cert_exp = sqlite3_column_int64 (stmt, c++);
  row->has_chain = sqlite3_column_int (stmt, c++);
  row->has_root = sqlite3_column_int (stmt, c++);
  row->active_enabled = sqlite3_column_int (stmt, c++);
  row->active_default = sqlite3_column_int (stmt, c++);
  row->cert_pending = sqlite3_column_int (stmt, c++);
  row->chain_pending = sqlite3_column_int (stmt, c++);
  return row;
}

static gboolean
read_row (sqlite3      *db,
          gint64        id,
          CsRecordRow **row,
          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, ROW_SELECT " WHERE id = ?1", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (db, stmt, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_NOT_FOUND,
                   _("The certificate no longer exists; another window or command may have "
                     "deleted it."));
      return FALSE;
    }
  *row = row_from_stmt (stmt);
  return TRUE;
}

static gboolean
read_all_rows (sqlite3    *db,
               GPtrArray  *rows,
               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, ROW_SELECT " ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      cs_db_set_error (error, db, rc, db_path (db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
collect_rows (sqlite3    *db,
              CsStoreOp  *op,
              GError    **error)
{
  CsRecordRow *row = NULL;
  gboolean deleted = FALSE;

  op->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_record_row_free);
  if (op->all_rows)
    return read_all_rows (db, op->rows, error);

  for (guint i = 0; op->deleted != NULL && i < op->deleted->len; i++)
    deleted |= g_array_index (op->deleted, gint64, i) == op->id;

  if (op->id != 0 && !deleted)
    {
      if (!read_row (db, op->id, &row, error))
        return FALSE;
      g_ptr_array_add (op->rows, row);
    }
  if (op->other_id != 0)
    {
      if (!read_row (db, op->other_id, &row, error))
        return FALSE;
      g_ptr_array_add (op->rows, row);
    }
  return TRUE;
}

/* Blobs, read inside the transaction. */

static char *
read_text (sqlite3     *db,
           gint64       id,
           const char  *column,
           GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM records WHERE id = ?1", column);
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);
  gboolean found;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (db, stmt, &found, error))
    return NULL;
  /* "" for NULL, so that NULL means an error. */
  return found && sqlite3_column_text (stmt, 0) != NULL ? column_text (stmt, 0) : g_strdup ("");
}

/* The private key, copied into memory that is wiped when freed. */
static CsKeyPair *
read_key (sqlite3  *db,
          gint64    id,
          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, "SELECT private_key FROM keys WHERE record_id = ?1",
                                          error);
  g_autoptr(GBytes) der = NULL;
  gboolean found;
  guint8 *copy;
  int size;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (db, stmt, &found, error))
    return NULL;
  if (!found || (size = sqlite3_column_bytes (stmt, 0)) == 0)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                   _("The certificate has no key pair yet."));
      return NULL;
    }

  copy = OPENSSL_malloc (size);
  memcpy (copy, sqlite3_column_blob (stmt, 0), size);
  der = cs_secret_bytes_new_take (copy, size);
  return cs_key_pair_new_from_private_der (der, error);
}

static GBytes *
text_bytes (const char *a,
            const char *b)
{
  char *joined = g_strconcat (a != NULL ? a : "", b != NULL ? b : "", NULL);

  if (*joined == '\0')
    {
      g_free (joined);
      return NULL;
    }
  return g_bytes_new_take (joined, strlen (joined));
}

static gboolean
insert_history (sqlite3        *db,
                CsStoreOp      *op,
                CsHistoryKind   kind,
                gint64          record_id,
                const char     *record_name,
                const char     *detail,
                GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db, "INSERT INTO history (time, kind, record_id, record_name, detail)"
                 " VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_seconds (op));
  sqlite3_bind_text (stmt, 2, cs_history_kind_get_api_name (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, record_id);
  sqlite3_bind_text (stmt, 4, record_name != NULL ? record_name : "", -1, SQLITE_TRANSIENT);
  bind_text (stmt, 5, detail);
  return step_done (db, stmt, error);
}

/* Runs @body in one transaction, with the record's current row. */
typedef gboolean (*TxnBody) (sqlite3      *db,
                             CsStoreOp    *op,
                             CsRecordRow  *current,
                             GError      **error);

static gboolean
in_transaction (sqlite3    *db,
                CsStoreOp  *op,
                TxnBody     body,
                GError    **error)
{
  g_autoptr(CsRecordRow) current = NULL;

  if (!cs_db_begin (db, error))
    return FALSE;

  if ((op->id != 0 && !read_row (db, op->id, &current, error)) ||
      !body (db, op, current, error) ||
      !collect_rows (db, op, error) ||
      !cs_db_commit (db, error))
    {
      cs_db_rollback (db);
      g_clear_pointer (&op->rows, g_ptr_array_unref);
      return FALSE;
    }
  return TRUE;
}

/* Open and refresh. */

gboolean
cs_store_op_open (sqlite3    *db,
                  CsStoreOp  *op,
                  GError    **error)
{
  op->opened = cs_schema_open (op->path, error);
  if (op->opened == NULL)
    return FALSE;
  return cs_store_op_refresh (op->opened, op, error);
}

gboolean
cs_store_op_refresh (sqlite3    *db,
                     CsStoreOp  *op,
                     GError    **error)
{
  op->all_rows = TRUE;
  return collect_rows (db, op, error);
}

/* Names and general fields. */

static gboolean
has_control_chars (const char *s)
{
  for (; *s != '\0'; s = g_utf8_next_char (s))
    if (g_unichar_iscntrl (g_utf8_get_char (s)))
      return TRUE;
  return FALSE;
}

static gboolean
check_name (sqlite3     *db,
            const char  *name,
            gint64       id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found;

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD, _("A name is required."));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > MAX_NAME_LENGTH || has_control_chars (name))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                   _("The name must be one line of at most %d characters."), MAX_NAME_LENGTH);
      return FALSE;
    }

  stmt = prepare (db, "SELECT 1 FROM records WHERE name = ?1 AND id != ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step_row (db, stmt, &found, error))
    return FALSE;
  if (found)
    g_set_error (error, CS_ERROR, CS_ERROR_DUPLICATE_NAME,
                 _("Another certificate is already named “%s”; choose another name."), name);
  return !found;
}

static gboolean
check_description (const char  *description,
                   GError     **error)
{
  if (description != NULL && g_utf8_strlen (description, -1) > MAX_DESCRIPTION_LENGTH)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                   _("The description is too long: at most %d characters."),
                   MAX_DESCRIPTION_LENGTH);
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_body (sqlite3      *db,
             CsStoreOp    *op,
             CsRecordRow  *current,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!check_name (db, op->name, 0, error) || !check_description (op->description, error))
    return FALSE;

  stmt = prepare (db, "INSERT INTO records (name, description, enabled) VALUES (?1, ?2, ?3)",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, op->description != NULL ? op->description : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, op->enabled ? 1 : 0);
  if (!step_done (db, stmt, error))
    return FALSE;

  op->id = sqlite3_last_insert_rowid (db);
  return insert_history (db, op, CS_HISTORY_CREATED, op->id, op->name, NULL, error);
}

gboolean
cs_store_op_create (sqlite3    *db,
                    CsStoreOp  *op,
                    GError    **error)
{
  op->id = 0;
  return in_transaction (db, op, create_body, error);
}

static gboolean
refuse_disabling_default (CsRecordRow  *current,
                          GError      **error)
{
  g_set_error (error, CS_ERROR, CS_ERROR_RULE,
               _("“%s” is the default certificate (saved, or active until the next "
                 "activation) and cannot be disabled. Make another certificate the default "
                 "and activate first."), current->name);
  return FALSE;
}

static gboolean
general_history (sqlite3      *db,
                 CsStoreOp    *op,
                 CsRecordRow  *current,
                 const char   *name,
                 GError      **error)
{
  g_assert (current != NULL);

  if (g_strcmp0 (name, current->name) != 0 &&
      !insert_history (db, op, CS_HISTORY_RENAMED, op->id, name, current->name, error))
    return FALSE;
  if (!op->enabled != !current->enabled &&
      !insert_history (db, op, op->enabled ? CS_HISTORY_ENABLED : CS_HISTORY_DISABLED,
                       op->id, name, NULL, error))
    return FALSE;
  return TRUE;
}

static gboolean
update_general_body (sqlite3      *db,
                     CsStoreOp    *op,
                     CsRecordRow  *current,
                     GError      **error)
{
  const char *name;
  const char *description;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert (current != NULL);
  name = op->name != NULL ? op->name : current->name;
  description = op->description != NULL ? op->description : current->description;

  if ((op->name != NULL && !check_name (db, name, op->id, error)) ||
      !check_description (description, error))
    return FALSE;
  if (!op->enabled && current->enabled && (current->is_default || current->active_default))
    return refuse_disabling_default (current, error);

  stmt = prepare (db, "UPDATE records SET name = ?1, description = ?2, enabled = ?3 WHERE id = ?4",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, description != NULL ? description : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, op->enabled ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, op->id);
  return step_done (db, stmt, error) && general_history (db, op, current, name, error);
}

gboolean
cs_store_op_update_general (sqlite3    *db,
                            CsStoreOp  *op,
                            GError    **error)
{
  return in_transaction (db, op, update_general_body, error);
}

gboolean
cs_store_op_set_enabled (sqlite3    *db,
                         CsStoreOp  *op,
                         GError    **error)
{
  g_clear_pointer (&op->name, g_free);
  g_clear_pointer (&op->description, g_free);
  return in_transaction (db, op, update_general_body, error);
}

/* The key pair. */

/*
 * cs_store_check_keygen:
 *
 * Whether a record in @state may get a new key pair. Called on the main
 * thread before the (slow) generation, and again on the worker.
 */
gboolean
cs_store_check_keygen (CsRecordState   state,
                       const char     *name,
                       gboolean        discard,
                       GError        **error)
{
  if (state == CS_RECORD_STATE_CERT_READY)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                   _("The key pair of “%s” never changes once its certificate is ready; create "
                     "a new certificate to use a new key."), name);
      return FALSE;
    }
  if (state >= CS_RECORD_STATE_CSRGEN_DONE && !discard)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_RULE,
                   _("A new key pair for “%s” discards its CSR, certificate and chain; confirm "
                     "to go on."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_private_key (sqlite3    *db,
                   CsStoreOp  *op,
                   GError    **error)
{
  g_autoptr(GBytes) der = cs_key_pair_dup_private_der (op->key_pair);
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db, "INSERT OR REPLACE INTO keys (record_id, private_key) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->id);
  sqlite3_bind_blob (stmt, 2, g_bytes_get_data (der, NULL), g_bytes_get_size (der), SQLITE_STATIC);
  return step_done (db, stmt, error);
}

static gboolean
store_key_body (sqlite3      *db,
                CsStoreOp    *op,
                CsRecordRow  *current,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CsKeyType type = cs_key_pair_get_key_type (op->key_pair);

  g_assert (current != NULL);
  if (!cs_store_check_keygen (current->state, current->name, op->discard, error) ||
      !store_private_key (db, op, error))
    return FALSE;

  stmt = prepare (db, "UPDATE records SET key_type = ?1, public_key = ?2, key_fingerprint = ?3,"
                      " key_time = ?4, state = 'KEYGEN_DONE', " CLEAR_CSR ", " CLEAR_CERTIFICATE
                      " WHERE id = ?5", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cs_key_type_get_api_name (type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, cs_key_pair_get_public_pem (op->key_pair), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cs_key_pair_get_fingerprint (op->key_pair), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now_seconds (op));
  sqlite3_bind_int64 (stmt, 5, op->id);
  return step_done (db, stmt, error) &&
         insert_history (db, op, CS_HISTORY_KEY_GENERATED, op->id, current->name,
                         cs_key_pair_get_description (op->key_pair), error);
}

gboolean
cs_store_op_store_key (sqlite3    *db,
                       CsStoreOp  *op,
                       GError    **error)
{
  return in_transaction (db, op, store_key_body, error);
}

/* The CSR. */

static gboolean
check_csr (CsStoreOp    *op,
           CsRecordRow  *current,
           GError      **error)
{
  g_assert (current != NULL);
  if (current->state == CS_RECORD_STATE_CERT_READY)
    g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                 _("“%s” is ready: its CSR no longer changes."), current->name);
  else if (!current->has_key)
    g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                 _("Generate the key pair of “%s” before its CSR."), current->name);
  else if (current->state >= CS_RECORD_STATE_INTCERT_UPLOAD_DONE && !op->discard)
    g_set_error (error, CS_ERROR, CS_ERROR_RULE,
                 _("A new CSR for “%s” discards its uploaded certificate and chain; confirm to "
                   "go on."), current->name);
  else if (op->path_length > 1)
    g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                 _("The path length constraint must be 0 or 1."));
  else
    return cs_subject_validate (op->subject, error);
  return FALSE;
}

/* The CSR file name, without a ".csr" the user may have typed. */
static char *
csr_file_name (CsStoreOp    *op,
               CsRecordRow  *current,
               GError      **error)
{
  g_autofree char *name = g_strstrip (g_strdup (op->file_name != NULL ? op->file_name : ""));

  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (current->name);
    }
  if (g_str_has_suffix (name, ".csr") || g_str_has_suffix (name, ".CSR"))
    name[strlen (name) - 4] = '\0';
  if (*name == '\0' || strchr (name, '/') != NULL || has_control_chars (name) ||
      g_utf8_strlen (name, -1) > MAX_NAME_LENGTH)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                   _("The CSR file name must be a file name, without “/”, of at most %d "
                     "characters."), MAX_NAME_LENGTH);
      return NULL;
    }
  return g_steal_pointer (&name);
}

static gboolean
write_csr (sqlite3     *db,
           CsStoreOp   *op,
           const char  *csr,
           const char  *file_name,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db, "UPDATE records SET csr = ?1, csr_file_name = ?2, csr_time = ?3,"
                 " signature_algorithm = ?4, path_length = ?5, subject_cn = ?6, subject_o = ?7,"
                 " subject_ou = ?8, subject_l = ?9, subject_st = ?10, subject_c = ?11,"
                 " state = 'CSRGEN_DONE', " CLEAR_CERTIFICATE " WHERE id = ?12", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, csr, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, file_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now_seconds (op));
  sqlite3_bind_text (stmt, 4, cs_digest_get_api_name (op->digest), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, op->path_length);
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    bind_text (stmt, 6 + i, cs_subject_get (op->subject, i));
  sqlite3_bind_int64 (stmt, 12, op->id);
  return step_done (db, stmt, error);
}

static gboolean
generate_csr_body (sqlite3      *db,
                   CsStoreOp    *op,
                   CsRecordRow  *current,
                   GError      **error)
{
  g_autoptr(CsKeyPair) key_pair = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *csr = NULL;

  if (!check_csr (op, current, error) ||
      (file_name = csr_file_name (op, current, error)) == NULL ||
      (key_pair = read_key (db, op->id, error)) == NULL ||
      (csr = cs_csr_generate (key_pair, op->subject, op->digest, op->path_length, error)) == NULL)
    return FALSE;

  return write_csr (db, op, csr, file_name, error) &&
         insert_history (db, op, CS_HISTORY_CSR_GENERATED, op->id, current->name, NULL, error);
}

gboolean
cs_store_op_generate_csr (sqlite3    *db,
                          CsStoreOp  *op,
                          GError    **error)
{
  return in_transaction (db, op, generate_csr_body, error);
}

/* Uploads. */

static gboolean
inspect (sqlite3     *db,
         CsStoreOp   *op,
         CsRecordRow *current,
         GBytes      *certificate,
         GBytes      *chain,
         GError     **error)
{
  g_autoptr(CsKeyPair) key_pair = read_key (db, op->id, error);
  g_autofree char *csr = NULL;

  if (key_pair == NULL || (csr = read_text (db, op->id, "csr", error)) == NULL)
    return FALSE;

  op->report = cs_inspect (key_pair, csr, MAX (current->path_length, 0), certificate, chain,
                           op->now);
  if (!cs_inspection_report_get_accepted (op->report))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID_CERTIFICATE,
                   _("The upload did not pass its checks (see the report); nothing was "
                     "changed."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_certificate (sqlite3      *db,
                   CsStoreOp    *op,
                   gboolean      keep_chain,
                   GError      **error)
{
  const char *sql = keep_chain
    ? "UPDATE records SET certificate = ?1, cert_file_name = ?2, cert_start = ?3, cert_exp = ?4"
      " WHERE id = ?5"
    : "UPDATE records SET certificate = ?1, cert_file_name = ?2, cert_start = ?3, cert_exp = ?4,"
      " chain = NULL, root = NULL, chain_file_name = NULL, state = 'INTCERT_UPLOAD_DONE'"
      " WHERE id = ?5";
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cs_inspection_report_get_certificate_pem (op->report), -1,
                     SQLITE_TRANSIENT);
  bind_text (stmt, 2, op->file_name);
  sqlite3_bind_int64 (stmt, 3, cs_inspection_report_get_not_before (op->report));
  sqlite3_bind_int64 (stmt, 4, cs_inspection_report_get_not_after (op->report));
  sqlite3_bind_int64 (stmt, 5, op->id);
  return step_done (db, stmt, error);
}

static gboolean
upload_cert_body (sqlite3      *db,
                  CsStoreOp    *op,
                  CsRecordRow  *current,
                  GError      **error)
{
  gboolean ready;
  g_autofree char *old = NULL;
  g_autofree char *chain = NULL;
  g_autofree char *root = NULL;
  g_autoptr(GBytes) chain_bytes = NULL;

  g_assert (current != NULL);
  ready = current->state == CS_RECORD_STATE_CERT_READY;

  if (current->state < CS_RECORD_STATE_CSRGEN_DONE)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                   _("Generate the CSR of “%s” before uploading its certificate."), current->name);
      return FALSE;
    }

  /* A renewal is checked against the stored chain, which it keeps; a draft's
   * new certificate starts over without a chain. */
  if (ready &&
      ((old = read_text (db, op->id, "certificate", error)) == NULL ||
       (chain = read_text (db, op->id, "chain", error)) == NULL ||
       (root = read_text (db, op->id, "root", error)) == NULL))
    return FALSE;
  chain_bytes = ready ? text_bytes (chain, root) : NULL;

  return inspect (db, op, current, op->data, chain_bytes, error) &&
         write_certificate (db, op, ready, error) &&
         insert_history (db, op, ready ? CS_HISTORY_CERTIFICATE_REPLACED : CS_HISTORY_CERTIFICATE_UPLOADED,
                         op->id, current->name, old, error);
}

gboolean
cs_store_op_upload_cert (sqlite3    *db,
                         CsStoreOp  *op,
                         GError    **error)
{
  return in_transaction (db, op, upload_cert_body, error);
}

/* The report's chain ends with the root when one was given; the store keeps
 * the root apart (it is not part of ca-chain.pem). */
static char *
chain_without_root (CsInspectionReport *report)
{
  const char *chain = cs_inspection_report_get_chain_pem (report);
  const char *root = cs_inspection_report_get_root_pem (report);
  char *issuers = g_strdup (chain);

  if (issuers != NULL && root != NULL && g_str_has_suffix (issuers, root))
    issuers[strlen (issuers) - strlen (root)] = '\0';
  return issuers;
}

static gboolean
write_chain (sqlite3      *db,
             CsStoreOp    *op,
             GError      **error)
{
  g_autofree char *issuers = chain_without_root (op->report);
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db, "UPDATE records SET chain = ?1, root = ?2, chain_file_name = ?3,"
                 " state = CASE state WHEN 'CERT_READY' THEN state"
                 " ELSE 'CERTCHAIN_UPLOAD_DONE' END WHERE id = ?4", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, issuers);
  bind_text (stmt, 2, cs_inspection_report_get_root_pem (op->report));
  bind_text (stmt, 3, op->file_name);
  sqlite3_bind_int64 (stmt, 4, op->id);
  return step_done (db, stmt, error);
}

static gboolean
upload_chain_body (sqlite3      *db,
                   CsStoreOp    *op,
                   CsRecordRow  *current,
                   GError      **error)
{
  gboolean ready;
  g_autofree char *certificate = NULL;
  g_autofree char *old_chain = NULL;
  g_autofree char *old_root = NULL;
  g_autofree char *old = NULL;
  g_autoptr(GBytes) certificate_bytes = NULL;

  g_assert (current != NULL);
  ready = current->state == CS_RECORD_STATE_CERT_READY;
  if (current->state < CS_RECORD_STATE_INTCERT_UPLOAD_DONE)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                   _("Upload the certificate of “%s” before its chain."), current->name);
      return FALSE;
    }
  if ((certificate = read_text (db, op->id, "certificate", error)) == NULL ||
      (old_chain = read_text (db, op->id, "chain", error)) == NULL ||
      (old_root = read_text (db, op->id, "root", error)) == NULL)
    return FALSE;

  certificate_bytes = text_bytes (certificate, NULL);
  old = ready ? g_strconcat (old_chain, old_root, NULL) : NULL;
  return inspect (db, op, current, certificate_bytes, op->data, error) &&
         write_chain (db, op, error) &&
         insert_history (db, op, ready ? CS_HISTORY_CHAIN_REPLACED : CS_HISTORY_CHAIN_UPLOADED,
                         op->id, current->name, old, error);
}

gboolean
cs_store_op_upload_chain (sqlite3    *db,
                          CsStoreOp  *op,
                          GError    **error)
{
  return in_transaction (db, op, upload_chain_body, error);
}

/* Finalize, default, delete. */

static gboolean
exec_for_id (sqlite3     *db,
             const char  *sql,
             gint64       id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return step_done (db, stmt, error);
}

static gboolean
finalize_body (sqlite3      *db,
               CsStoreOp    *op,
               CsRecordRow  *current,
               GError      **error)
{
  g_assert (current != NULL);
  if (current->state == CS_RECORD_STATE_CERT_READY)
    g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE, _("“%s” is already ready."),
                 current->name);
  else if (current->state < CS_RECORD_STATE_INTCERT_UPLOAD_DONE)
    g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                 _("Upload the certificate of “%s” before finalizing it."), current->name);
  else
    return exec_for_id (db, "UPDATE records SET state = 'CERT_READY' WHERE id = ?1", op->id, error) &&
           insert_history (db, op, CS_HISTORY_FINALIZED, op->id, current->name, NULL, error);
  return FALSE;
}

gboolean
cs_store_op_finalize (sqlite3    *db,
                      CsStoreOp  *op,
                      GError    **error)
{
  return in_transaction (db, op, finalize_body, error);
}

static gboolean
find_default (sqlite3     *db,
              const char  *column,
              gint64      *id,
              char       **name,
              GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, name FROM records WHERE %s = 1", column);
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);
  gboolean found;

  *id = 0;
  if (stmt == NULL || !step_row (db, stmt, &found, error))
    return FALSE;
  if (found)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *name = column_text (stmt, 1);
    }
  return TRUE;
}

static gboolean
make_default_body (sqlite3      *db,
                   CsStoreOp    *op,
                   CsRecordRow  *current,
                   GError      **error)
{
  g_autofree char *old_name = NULL;

  g_assert (current != NULL);
  if (current->state != CS_RECORD_STATE_CERT_READY)
    g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                 _("“%s” is a draft: finish its steps before making it the default."),
                 current->name);
  else if (!current->enabled)
    g_set_error (error, CS_ERROR, CS_ERROR_RULE,
                 _("“%s” is disabled; enable it before making it the default."), current->name);
  else if (current->is_default)
    return TRUE;
  else
    return find_default (db, "is_default", &op->other_id, &old_name, error) &&
           cs_db_exec (db, "UPDATE records SET is_default = 0 WHERE is_default = 1", error) &&
           exec_for_id (db, "UPDATE records SET is_default = 1 WHERE id = ?1", op->id, error) &&
           insert_history (db, op, CS_HISTORY_DEFAULT_CHANGED, op->id, current->name, old_name,
                           error);
  return FALSE;
}

gboolean
cs_store_op_make_default (sqlite3    *db,
                          CsStoreOp  *op,
                          GError    **error)
{
  return in_transaction (db, op, make_default_body, error);
}

static gboolean
delete_body (sqlite3      *db,
             CsStoreOp    *op,
             CsRecordRow  *current,
             GError      **error)
{
  g_assert (current != NULL);
  if (current->is_default || current->active_default)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_RULE,
                   _("“%s” is the default certificate (saved, or active until the next "
                     "activation) and cannot be deleted. Make another certificate the default "
                     "and activate first."), current->name);
      return FALSE;
    }

  op->deleted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (op->deleted, op->id);
  /* The key goes first, explicitly; secure_delete overwrites its pages. */
  return exec_for_id (db, "DELETE FROM keys WHERE record_id = ?1", op->id, error) &&
         exec_for_id (db, "DELETE FROM records WHERE id = ?1", op->id, error) &&
         insert_history (db, op, CS_HISTORY_DELETED, op->id, current->name, NULL, error);
}

gboolean
cs_store_op_delete (sqlite3    *db,
                    CsStoreOp  *op,
                    GError    **error)
{
  return in_transaction (db, op, delete_body, error);
}

/* Reading. */

static void
free_texts (char **texts)
{
  for (guint i = 0; i < 4; i++)
    g_free (texts[i]);
}

static const char *
or_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
cs_store_op_load_details (sqlite3    *db,
                          CsStoreOp  *op,
                          GError    **error)
{
  static const char * const columns[4] = { "csr", "certificate", "chain", "root" };
  g_autoptr(CsRecordRow) row = NULL;
  g_autoptr(CsKeyPair) key_pair = NULL;
  char *texts[4] = { NULL, };
  gboolean ok = TRUE;

  if (!read_row (db, op->id, &row, error))
    return FALSE;
  if (row->has_key && (key_pair = read_key (db, op->id, error)) == NULL)
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (columns); i++)
    ok = (texts[i] = read_text (db, op->id, columns[i], error)) != NULL;

  if (ok)
    op->details = cs_record_details_new (op->id, key_pair, or_null (texts[0]), or_null (texts[1]),
                                         or_null (texts[2]), or_null (texts[3]));
  free_texts (texts);
  return ok;
}

gboolean
cs_store_op_load_history (sqlite3    *db,
                          CsStoreOp  *op,
                          GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db, "SELECT id, time, kind, record_id, record_name, detail FROM history"
                 " ORDER BY id DESC", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  op->history = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_history_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CsHistoryRow *row = g_new0 (CsHistoryRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->time = sqlite3_column_int64 (stmt, 1);
      cs_history_kind_from_api_name ((const char *) sqlite3_column_text (stmt, 2), &row->kind);
      row->record_id = sqlite3_column_int64 (stmt, 3);
      row->record_name = column_text (stmt, 4);
      row->detail = column_text (stmt, 5);
      g_ptr_array_add (op->history, row);
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  cs_db_set_error (error, db, rc, db_path (db));
  return FALSE;
}

/* Activation. */

/* Writes the bundle of the default @id (0: an empty bundle) beside the
 * deploy folder, not yet in place. */
static CsDeployTxn *
prepare_bundle (sqlite3     *db,
                CsStoreOp   *op,
                gint64       id,
                GError     **error)
{
  g_autoptr(CsKeyPair) key_pair = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *chain = NULL;
  g_autofree char *root = NULL;

  if (id == 0)
    return cs_deploy_prepare (op->deploy_dir, NULL, NULL, NULL, NULL, error);

  if ((key_pair = read_key (db, id, error)) == NULL ||
      (certificate = read_text (db, id, "certificate", error)) == NULL ||
      (chain = read_text (db, id, "chain", error)) == NULL ||
      (root = read_text (db, id, "root", error)) == NULL)
    return NULL;
  return cs_deploy_prepare (op->deploy_dir, key_pair, certificate, chain, root, error);
}

static gboolean
activate_body (sqlite3       *db,
               CsStoreOp     *op,
               CsDeployTxn  **bundle,
               GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  gint64 id;

  op->all_rows = TRUE;
  detail = g_strdup_printf ("%s%s%s", op->pending_text ? op->pending_text : "",
                            op->pending_text && *op->pending_text ? "\n" : "", op->deploy_dir);

  return find_default (db, "is_default", &id, &name, error) &&
         cs_db_exec (db,
                     "UPDATE records SET active_default = 0 WHERE active_default = 1;"
                     "UPDATE records SET active_enabled = (enabled = 1 AND state = 'CERT_READY'),"
                     " active_certificate = certificate, active_chain = chain;"
                     "UPDATE records SET active_default = 1 WHERE is_default = 1;", error) &&
         insert_history (db, op, CS_HISTORY_ACTIVATED, id, name, detail, error) &&
         (*bundle = prepare_bundle (db, op, id, error)) != NULL;
}

/* The database and the bundle change together: the new bundle is written
 * beside the old one inside the transaction, swapped in just before the
 * commit, and swapped back if the commit fails (a full disk). A process
 * killed between the swap and the commit leaves the new bundle with the
 * change still pending, which the next activation publishes again; it never
 * leaves the database saying "activated" over the old bundle. */
gboolean
cs_store_op_activate (sqlite3    *db,
                      CsStoreOp  *op,
                      GError    **error)
{
  CsDeployTxn *bundle = NULL;

  op->id = 0;
  if (!cs_db_begin (db, error))
    return FALSE;

  if (!activate_body (db, op, &bundle, error) ||
      !collect_rows (db, op, error) ||
      !cs_deploy_swap (bundle, error) ||
      !cs_db_commit (db, error))
    {
      cs_db_rollback (db);
      if (bundle != NULL)
        cs_deploy_undo (bundle);
      g_clear_pointer (&op->rows, g_ptr_array_unref);
      return FALSE;
    }

  cs_deploy_finish (bundle);
  return TRUE;
}
