/* cs-store.h — the SQLite store of records, its operations and activation
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-csr.h"
#include "cs-history.h"
#include "cs-inspection.h"
#include "cs-key-pair.h"
#include "cs-record.h"

G_BEGIN_DECLS

/*
 * CsStore owns one worker thread that does all SQLite access. Every
 * operation comes in three forms:
 *
 *   cs_store_OP_async (store, …, cancellable, callback, user_data)
 *   cs_store_OP_finish (store, result, …, error)
 *   cs_store_OP_sync (store, …, cancellable, error)   — for the CLI and tests
 *
 * The async form completes on the thread-default main context of the caller;
 * the records' properties, the list model and the pending changes are updated
 * on that thread just before the callback runs. The sync form runs the same
 * work on the worker and blocks until it is done, then applies the changes on
 * the calling thread; call it from the thread that opened the store.
 *
 * Errors are in the CS_ERROR domain: CS_ERROR_WRONG_STATE (the operation does
 * not apply in the record's state), CS_ERROR_RULE (a rule forbids it; e.g. the
 * default cannot be disabled, or regenerating would discard later steps and
 * @discard was FALSE), CS_ERROR_DUPLICATE_NAME, CS_ERROR_INVALID_FIELD,
 * CS_ERROR_INVALID_CERTIFICATE (an upload failed its checks: nothing changed),
 * CS_ERROR_NOT_FOUND, CS_ERROR_STORE_* (the database; the message names the
 * file), CS_ERROR_DEPLOY (the bundle could not be written).
 */

#define CS_TYPE_STORE (cs_store_get_type ())

G_DECLARE_FINAL_TYPE (CsStore, cs_store, CS, STORE, GObject)

/* Properties: "path" (construct-only), "is-open", "records" (GListModel of
 * CsRecord), "default-record" (the saved default or NULL),
 * "active-default-record" (the activated default or NULL), "pending-changes"
 * (GStrv, translated lines such as "Default: A → B") and
 * "n-pending-changes". */

CsStore            *cs_store_new                        (const char           *path);
char               *cs_store_dup_default_path           (void);
char               *cs_store_dup_default_deploy_dir     (void);

const char         *cs_store_get_path                   (CsStore              *self);
gboolean            cs_store_get_is_open                (CsStore              *self);
GListModel         *cs_store_get_records                (CsStore              *self);
CsRecord           *cs_store_get_default_record         (CsStore              *self);
CsRecord           *cs_store_get_active_default_record  (CsStore              *self);
const char * const *cs_store_get_pending_changes        (CsStore              *self);
guint               cs_store_get_n_pending_changes      (CsStore              *self);
CsRecord           *cs_store_lookup_by_id               (CsStore              *self,
                                                         gint64                id);
CsRecord           *cs_store_lookup_by_name             (CsStore              *self,
                                                         const char           *name);
CsRecord           *cs_store_lookup                     (CsStore              *self,
                                                         const char           *name_or_id,
                                                         GError              **error);

/* Open (creating the database if absent) and fill the records model. */
void                cs_store_open_async                 (CsStore              *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_open_finish                (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cs_store_open_sync                  (CsStore              *self,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Read every record again, for changes made by another process (the CLI
 * while the window is open): records are updated, added and removed. */
void                cs_store_refresh_async              (CsStore              *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_refresh_finish             (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cs_store_refresh_sync               (CsStore              *self,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Create a record (GENERAL_DONE). Returns (transfer full) the new record,
 * already in the records model. */
void                cs_store_create_record_async        (CsStore              *self,
                                                         const char           *name,
                                                         const char           *description,
                                                         gboolean              enabled,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CsRecord           *cs_store_create_record_finish       (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
CsRecord           *cs_store_create_record_sync         (CsStore              *self,
                                                         const char           *name,
                                                         const char           *description,
                                                         gboolean              enabled,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Save the General fields (the Save button of the editor). */
void                cs_store_update_general_async       (CsStore              *self,
                                                         CsRecord             *record,
                                                         const char           *name,
                                                         const char           *description,
                                                         gboolean              enabled,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_update_general_finish      (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cs_store_update_general_sync        (CsStore              *self,
                                                         CsRecord             *record,
                                                         const char           *name,
                                                         const char           *description,
                                                         gboolean              enabled,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Enable or disable only (the row menu, `enable`/`disable` of the CLI). */
void                cs_store_set_enabled_async          (CsStore              *self,
                                                         CsRecord             *record,
                                                         gboolean              enabled,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_set_enabled_finish         (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cs_store_set_enabled_sync           (CsStore              *self,
                                                         CsRecord             *record,
                                                         gboolean              enabled,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Generate (or, for a draft, regenerate) the key pair, in a thread of its
 * own, then store it. Regenerating discards the CSR, certificate and chain:
 * unless @discard is TRUE that fails with CS_ERROR_RULE (see
 * cs_record_get_key_regeneration_discards()). */
void                cs_store_generate_key_pair_async    (CsStore              *self,
                                                         CsRecord             *record,
                                                         CsKeyType             key_type,
                                                         gboolean              discard,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_generate_key_pair_finish   (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cs_store_generate_key_pair_sync     (CsStore              *self,
                                                         CsRecord             *record,
                                                         CsKeyType             key_type,
                                                         gboolean              discard,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Generate (or regenerate) the CSR of a draft that has a key. @csr_file_name
 * NULL or empty means the record's name. Regenerating discards an uploaded
 * certificate and chain, which needs @discard. */
void                cs_store_generate_csr_async         (CsStore              *self,
                                                         CsRecord             *record,
                                                         const CsSubject      *subject,
                                                         CsDigest              digest,
                                                         guint                 path_length,
                                                         const char           *csr_file_name,
                                                         gboolean              discard,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_generate_csr_finish        (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cs_store_generate_csr_sync          (CsStore              *self,
                                                         CsRecord             *record,
                                                         const CsSubject      *subject,
                                                         CsDigest              digest,
                                                         guint                 path_length,
                                                         const char           *csr_file_name,
                                                         gboolean              discard,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Upload the signed certificate (PEM or DER bytes as read from the file;
 * @file_name is kept as uploadedCertFileName). On a draft (CSRGEN_DONE or
 * later) this is the upload step (→ INTCERT_UPLOAD_DONE); a chain uploaded
 * before is dropped, to be uploaded again for the new certificate. On a
 * CERT_READY record it replaces the certificate (a renewal of the same key),
 * checked against the stored chain, which it keeps; the old certificate stays
 * in the history. @report (out, optional,
 * transfer full) is set whenever the checks ran, accepted or not; when they
 * refuse, the call fails with CS_ERROR_INVALID_CERTIFICATE and nothing
 * changes. */
void                cs_store_upload_certificate_async   (CsStore              *self,
                                                         CsRecord             *record,
                                                         GBytes               *data,
                                                         const char           *file_name,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_upload_certificate_finish  (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         CsInspectionReport  **report,
                                                         GError              **error);
gboolean            cs_store_upload_certificate_sync    (CsStore              *self,
                                                         CsRecord             *record,
                                                         GBytes               *data,
                                                         const char           *file_name,
                                                         CsInspectionReport  **report,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Upload the chain (PEM bundle of the issuers, root optional) for the stored
 * certificate: from INTCERT_UPLOAD_DONE on (→ CERTCHAIN_UPLOAD_DONE); on a
 * CERT_READY record it replaces the chain, keeping the old one in the
 * history. Same report and failure as the certificate upload. */
void                cs_store_upload_chain_async         (CsStore              *self,
                                                         CsRecord             *record,
                                                         GBytes               *data,
                                                         const char           *file_name,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_upload_chain_finish        (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         CsInspectionReport  **report,
                                                         GError              **error);
gboolean            cs_store_upload_chain_sync          (CsStore              *self,
                                                         CsRecord             *record,
                                                         GBytes               *data,
                                                         const char           *file_name,
                                                         CsInspectionReport  **report,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* INTCERT_UPLOAD_DONE or CERTCHAIN_UPLOAD_DONE → CERT_READY. */
void                cs_store_finalize_async             (CsStore              *self,
                                                         CsRecord             *record,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_finalize_finish            (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cs_store_finalize_sync              (CsStore              *self,
                                                         CsRecord             *record,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Make an enabled CERT_READY record the default, clearing the old default in
 * the same transaction. */
void                cs_store_make_default_async         (CsStore              *self,
                                                         CsRecord             *record,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_make_default_finish        (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cs_store_make_default_sync          (CsStore              *self,
                                                         CsRecord             *record,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Delete a record and destroy its key (secure_delete). The default — saved,
 * or active until the next activation — cannot be deleted. */
void                cs_store_delete_record_async        (CsStore              *self,
                                                         CsRecord             *record,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_delete_record_finish       (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cs_store_delete_record_sync         (CsStore              *self,
                                                         CsRecord             *record,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Load the blobs of a record (key pair, CSR, certificate, chain, root). */
void                cs_store_load_details_async         (CsStore              *self,
                                                         CsRecord             *record,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CsRecordDetails    *cs_store_load_details_finish        (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
CsRecordDetails    *cs_store_load_details_sync          (CsStore              *self,
                                                         CsRecord             *record,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* The history, newest first: (transfer full) a GListModel of CsHistoryEvent. */
void                cs_store_load_history_async         (CsStore              *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GListModel         *cs_store_load_history_finish        (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
GListModel         *cs_store_load_history_sync          (CsStore              *self,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* Activate the saved configuration: publish the deploy bundle of the default
 * into @deploy_dir (NULL: cs_store_dup_default_deploy_dir()), atomically,
 * record the activation in the history, and make the saved configuration the
 * active one. With no default the bundle is emptied. */
void                cs_store_activate_async             (CsStore              *self,
                                                         const char           *deploy_dir,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            cs_store_activate_finish            (CsStore              *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
gboolean            cs_store_activate_sync              (CsStore              *self,
                                                         const char           *deploy_dir,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

G_END_DECLS
