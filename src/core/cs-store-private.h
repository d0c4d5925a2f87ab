/* cs-store-private.h — shared between the files of the store, for src/core only
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is split in layers:
 *   cs-record.c, cs-history.c  the GObjects the front ends see (main thread)
 *   cs-store.c                 the public API, the worker thread, applying
 *                              results to the records on the main thread
 *   cs-store-ops.c             what each operation does, on the worker thread
 *   cs-schema.c                opening, checking and migrating the database
 *   cs-deploy.c                writing the deploy bundle
 * Rows (plain C structs) carry data from the worker to the main thread: the
 * worker never touches an object that a front end already holds.
 */

#pragma once

#include <sqlite3.h>

#include "cs-csr.h"
#include "cs-history.h"
#include "cs-inspection.h"
#include "cs-key-pair.h"
#include "cs-record.h"

G_BEGIN_DECLS

/* The schema version this build writes; cs-schema.c migrates older ones. */
#define CS_SCHEMA_VERSION 2
/* PRAGMA application_id of a Chainsmith database: "ChSm". */
#define CS_APPLICATION_ID 1130910573   /* 0x4368536d */

/* One record as read from the database, without blobs. Times are Unix
 * seconds, 0 when unset. */
typedef struct
{
  gint64         id;
  char          *name;
  char          *description;
  gboolean       enabled;
  gboolean       is_default;
  CsRecordState  state;
  gboolean       has_key;
  CsKeyType      key_type;
  char          *public_key;
  char          *key_fingerprint;
  gint64         key_time;
  char          *csr_file_name;
  gint64         csr_time;
  char          *subject[CS_N_SUBJECT_FIELDS];
  CsDigest       digest;
  gint           path_length;
  char          *cert_file_name;
  char          *chain_file_name;
  gint64         cert_start;
  gint64         cert_exp;
  gboolean       has_chain;
  gboolean       has_root;
  gboolean       active_enabled;
  gboolean       active_default;
  gboolean       cert_pending;
  gboolean       chain_pending;
} CsRecordRow;

CsRecordRow     *cs_record_row_new             (void);
void             cs_record_row_free            (CsRecordRow      *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsRecordRow, cs_record_row_free)

CsRecord        *cs_record_new_from_row        (CsRecordRow      *row);
void             cs_record_apply_row           (CsRecord         *self,
                                                CsRecordRow      *row);
CsRecordDetails *cs_record_details_new         (gint64            id,
                                                CsKeyPair        *key_pair,
                                                const char       *csr_pem,
                                                const char       *certificate_pem,
                                                const char       *chain_pem,
                                                const char       *root_pem);

/* One event as read from the database. */
typedef struct
{
  gint64         id;
  gint64         time;
  CsHistoryKind  kind;
  gint64         record_id;
  char          *record_name;
  char          *detail;
} CsHistoryRow;

void             cs_history_row_free           (CsHistoryRow     *row);
CsHistoryEvent  *cs_history_event_new_from_row (const CsHistoryRow *row);

/* cs-schema.c: the database connection, on the worker thread only. */
sqlite3         *cs_schema_open                (const char       *path,
                                                GError          **error);
void             cs_schema_close               (sqlite3          *db);
void             cs_db_set_error               (GError          **error,
                                                sqlite3          *db,
                                                int               rc,
                                                const char       *path);
gboolean         cs_db_exec                    (sqlite3          *db,
                                                const char       *sql,
                                                GError          **error);
gboolean         cs_db_begin                   (sqlite3          *db,
                                                GError          **error);
gboolean         cs_db_commit                  (sqlite3          *db,
                                                GError          **error);
void             cs_db_rollback                (sqlite3          *db);
void             cs_schema_set_busy_timeout    (int               ms);
void             cs_schema_set_max_page_count  (guint             pages);

/* cs-store-ops.c: the operations, on the worker thread. */
typedef struct _CsStoreOp CsStoreOp;
typedef gboolean (*CsStoreWorkFunc) (sqlite3    *db,
                                     CsStoreOp  *op,
                                     GError    **error);

struct _CsStoreOp
{
  CsStoreWorkFunc     work;
  const char         *path;       /* of the database, for error messages */

  /* Inputs. */
  gint64              id;
  char               *name;
  char               *description;
  gboolean            enabled;
  gboolean            discard;
  CsKeyPair          *key_pair;
  CsSubject          *subject;
  CsDigest            digest;
  guint               path_length;
  char               *file_name;
  GBytes             *data;
  char               *deploy_dir;
  char               *pending_text;
  GDateTime          *now;

  /* Outputs: the rows that changed (or all, for open), deleted ids. */
  GPtrArray          *rows;
  GArray             *deleted;
  CsInspectionReport *report;
  CsRecordDetails    *details;
  GPtrArray          *history;
  gint64              other_id;   /* a second record that changed */
  sqlite3            *opened;     /* set by the open operation */
  gboolean            all_rows;   /* rows holds every record */
};

void      cs_store_op_free              (CsStoreOp   *op);
gboolean  cs_store_check_keygen         (CsRecordState state,
                                         const char  *name,
                                         gboolean     discard,
                                         GError     **error);

gboolean  cs_store_op_open              (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_refresh           (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_create            (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_update_general    (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_set_enabled       (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_store_key         (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_generate_csr      (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_upload_cert       (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_upload_chain      (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_finalize          (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_make_default      (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_delete            (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_load_details      (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_load_history      (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);
gboolean  cs_store_op_activate          (sqlite3     *db,
                                         CsStoreOp   *op,
                                         GError     **error);

/* cs-deploy.c: the bundle. @key_pair NULL empties the bundle. Activation
 * prepares the new bundle inside its transaction, swaps it in just before
 * the commit, and undoes the swap if the commit fails. */
typedef struct _CsDeployTxn CsDeployTxn;

CsDeployTxn *cs_deploy_prepare          (const char  *deploy_dir,
                                         CsKeyPair   *key_pair,
                                         const char  *certificate_pem,
                                         const char  *chain_pem,
                                         const char  *root_pem,
                                         GError     **error);
gboolean  cs_deploy_swap                (CsDeployTxn *txn,
                                         GError     **error);
void      cs_deploy_undo                (CsDeployTxn *txn);
void      cs_deploy_finish              (CsDeployTxn *txn);
gboolean  cs_deploy_publish             (const char  *deploy_dir,
                                         CsKeyPair   *key_pair,
                                         const char  *certificate_pem,
                                         const char  *chain_pem,
                                         const char  *root_pem,
                                         GError     **error);
/* For tests: make the swap take the fallback path (two renames). */
void      cs_deploy_set_force_fallback  (gboolean     force);

G_END_DECLS
