/* cs-record.h — one intermediate CA certificate of the store
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-csr.h"
#include "cs-key-pair.h"

G_BEGIN_DECLS

/**
 * CsRecordState:
 * @CS_RECORD_STATE_GENERAL_DONE: created: name, description and status saved
 * @CS_RECORD_STATE_KEYGEN_DONE: the key pair is generated
 * @CS_RECORD_STATE_CSRGEN_DONE: the certificate request is generated
 * @CS_RECORD_STATE_INTCERT_UPLOAD_DONE: the signed certificate is uploaded
 * @CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE: the chain is uploaded too
 * @CS_RECORD_STATE_CERT_READY: finalized; the only state that can be the default
 *
 * The steps of a record, in order (the console's `currentState`). Every state
 * before %CS_RECORD_STATE_CERT_READY is a draft. The values are ordered, so
 * `state >= CS_RECORD_STATE_CSRGEN_DONE` means "has a CSR".
 */
typedef enum
{
  CS_RECORD_STATE_GENERAL_DONE,
  CS_RECORD_STATE_KEYGEN_DONE,
  CS_RECORD_STATE_CSRGEN_DONE,
  CS_RECORD_STATE_INTCERT_UPLOAD_DONE,
  CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE,
  CS_RECORD_STATE_CERT_READY,
} CsRecordState;

#define CS_N_RECORD_STATES 6

#define CS_TYPE_RECORD_STATE (cs_record_state_get_type ())
GType       cs_record_state_get_type      (void) G_GNUC_CONST;

const char *cs_record_state_get_api_name  (CsRecordState   state);
gboolean    cs_record_state_from_api_name (const char     *name,
                                           CsRecordState  *state);
const char *cs_record_state_get_label     (CsRecordState   state);
gboolean    cs_record_state_is_draft      (CsRecordState   state);

/* The fixed values of a software-protected record (API `type` and `region`). */
#define CS_RECORD_TYPE_CUSTOM_SW "CUSTOM_SW"
#define CS_RECORD_REGION_GLOBAL  "GLOBAL"

#define CS_TYPE_RECORD (cs_record_get_type ())

G_DECLARE_FINAL_TYPE (CsRecord, cs_record, CS, RECORD, GObject)

/* Records are made and changed by CsStore only: the getters below are the
 * whole public API. Every property notifies when it changes, on the main
 * thread, when a store operation completes.
 *
 * Read-only properties (all with notify), named after the getters:
 *   "id" (gint64), "name", "description", "protection-type" ("CUSTOM_SW"),
 *   "region" ("GLOBAL"), "enabled", "status-api-name" ("ENABLED"/"DISABLED"),
 *   "default-certificate" (the saved default), "current-state"
 *   (CsRecordState), "state-label" ("Draft — CSR generated", "Ready"),
 *   "has-key", "key-type" (int, a CsKeyType), "key-size" (bits, 0 without a
 *   key), "public-key" (PEM or NULL), "key-fingerprint" (SHA-256, hex with
 *   colons), "key-generation-time" (GDateTime or NULL), "csr-file-name",
 *   "csr-generation-time", "common-name", "organization", "department",
 *   "city", "state-or-province", "country", "signature-algorithm" (int, a
 *   CsDigest), "path-length-constraint" (-1 before the CSR),
 *   "uploaded-cert-file-name", "uploaded-chain-file-name", "cert-start-date",
 *   "cert-exp-date" (GDateTime or NULL), "has-chain", "has-root",
 *   "active-enabled", "active-default" (as last activated),
 *   "certificate-pending", "chain-pending" (replaced since the activation),
 *   "can-delete", "can-disable", "can-make-default",
 *   "key-regeneration-discards", "csr-regeneration-discards".
 * Strings are never NULL except "public-key" and "key-fingerprint": an unset
 * text field is "". */

gint64         cs_record_get_id                     (CsRecord *self);
const char    *cs_record_get_name                   (CsRecord *self);
const char    *cs_record_get_description            (CsRecord *self);
const char    *cs_record_get_protection_type        (CsRecord *self);
const char    *cs_record_get_region                 (CsRecord *self);
gboolean       cs_record_get_enabled                (CsRecord *self);
const char    *cs_record_get_status_api_name        (CsRecord *self);
gboolean       cs_record_get_default_certificate    (CsRecord *self);
CsRecordState  cs_record_get_current_state          (CsRecord *self);
const char    *cs_record_get_state_label            (CsRecord *self);

gboolean       cs_record_get_has_key                (CsRecord *self);
CsKeyType      cs_record_get_key_type               (CsRecord *self);
guint          cs_record_get_key_size               (CsRecord *self);
const char    *cs_record_get_public_key             (CsRecord *self);
const char    *cs_record_get_key_fingerprint        (CsRecord *self);
GDateTime     *cs_record_get_key_generation_time    (CsRecord *self);

const char    *cs_record_get_csr_file_name          (CsRecord *self);
GDateTime     *cs_record_get_csr_generation_time    (CsRecord *self);
const char    *cs_record_get_common_name            (CsRecord *self);
const char    *cs_record_get_organization           (CsRecord *self);
const char    *cs_record_get_department             (CsRecord *self);
const char    *cs_record_get_city                   (CsRecord *self);
const char    *cs_record_get_state_or_province      (CsRecord *self);
const char    *cs_record_get_country                (CsRecord *self);
CsSubject     *cs_record_dup_subject                (CsRecord *self);
CsDigest       cs_record_get_signature_algorithm    (CsRecord *self);
gint           cs_record_get_path_length_constraint (CsRecord *self);

const char    *cs_record_get_uploaded_cert_file_name  (CsRecord *self);
const char    *cs_record_get_uploaded_chain_file_name (CsRecord *self);
GDateTime     *cs_record_get_cert_start_date        (CsRecord *self);
GDateTime     *cs_record_get_cert_exp_date          (CsRecord *self);
gboolean       cs_record_get_has_chain              (CsRecord *self);
gboolean       cs_record_get_has_root               (CsRecord *self);

gboolean       cs_record_get_active_enabled         (CsRecord *self);
gboolean       cs_record_get_active_default         (CsRecord *self);
gboolean       cs_record_get_certificate_pending    (CsRecord *self);
gboolean       cs_record_get_chain_pending          (CsRecord *self);

gboolean       cs_record_get_can_delete             (CsRecord *self);
gboolean       cs_record_get_can_disable            (CsRecord *self);
gboolean       cs_record_get_can_make_default       (CsRecord *self);
gboolean       cs_record_get_key_regeneration_discards (CsRecord *self);
gboolean       cs_record_get_csr_regeneration_discards (CsRecord *self);


#define CS_TYPE_RECORD_DETAILS (cs_record_details_get_type ())

G_DECLARE_FINAL_TYPE (CsRecordDetails, cs_record_details, CS, RECORD_DETAILS, GObject)

/* The blobs of one record, loaded on demand by cs_store_load_details_async()
 * when an editor opens it; drop the reference when the editor closes. */

gint64      cs_record_details_get_id              (CsRecordDetails *self);
CsKeyPair  *cs_record_details_get_key_pair        (CsRecordDetails *self);
const char *cs_record_details_get_csr_pem         (CsRecordDetails *self);
const char *cs_record_details_get_certificate_pem (CsRecordDetails *self);
const char *cs_record_details_get_chain_pem       (CsRecordDetails *self);
const char *cs_record_details_get_root_pem        (CsRecordDetails *self);

G_END_DECLS
