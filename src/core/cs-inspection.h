/* cs-inspection.h — the checks on an uploaded certificate and chain (SPEC §4)
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-check.h"
#include "cs-key-pair.h"

G_BEGIN_DECLS

/* Uploaded files (certificate or chain) larger than this are refused unread. */
#define CS_INSPECTION_MAX_FILE_SIZE (64 * 1024)
/* A chain holds at most this many certificates. */
#define CS_INSPECTION_MAX_CHAIN     16

#define CS_TYPE_INSPECTION_REPORT (cs_inspection_report_get_type ())

/* A GListModel of CsCheck, one per row of SPEC §4, in that order, always all
 * twelve. A row whose input is missing because the certificate could not be
 * read has "checked" FALSE, level FAIL and a message saying it was not
 * checked (the file row names the real problem). */
G_DECLARE_FINAL_TYPE (CsInspectionReport, cs_inspection_report, CS, INSPECTION_REPORT, GObject)

CsCheckLevel  cs_inspection_report_get_level              (CsInspectionReport  *self);
gboolean      cs_inspection_report_get_accepted           (CsInspectionReport  *self);
CsCheck      *cs_inspection_report_lookup                 (CsInspectionReport  *self,
                                                           const char          *id);
char         *cs_inspection_report_to_text                (CsInspectionReport  *self);

/* What to store when accepted. */
const char   *cs_inspection_report_get_certificate_pem    (CsInspectionReport  *self);
const char   *cs_inspection_report_get_chain_pem          (CsInspectionReport  *self);
guint         cs_inspection_report_get_chain_length       (CsInspectionReport  *self);
const char   *cs_inspection_report_get_root_pem           (CsInspectionReport  *self);
gboolean      cs_inspection_report_get_was_der            (CsInspectionReport  *self);

/* The certificate's summary; NULL / 0 / -1 when the certificate was not read. */
const char   *cs_inspection_report_get_subject            (CsInspectionReport  *self);
const char   *cs_inspection_report_get_common_name        (CsInspectionReport  *self);
const char   *cs_inspection_report_get_issuer             (CsInspectionReport  *self);
const char   *cs_inspection_report_get_serial             (CsInspectionReport  *self);
gint64        cs_inspection_report_get_not_before         (CsInspectionReport  *self);
gint64        cs_inspection_report_get_not_after          (CsInspectionReport  *self);
const char   *cs_inspection_report_get_fingerprint        (CsInspectionReport  *self);
int           cs_inspection_report_get_path_length        (CsInspectionReport  *self);
const char   *cs_inspection_report_get_key_usage          (CsInspectionReport  *self);
const char   *cs_inspection_report_get_extended_key_usage (CsInspectionReport  *self);

CsInspectionReport *cs_inspect         (CsKeyPair            *key_pair,
                                        const char           *csr_pem,
                                        guint                 requested_path_length,
                                        GBytes               *certificate,
                                        GBytes               *chain,
                                        GDateTime            *now);
void                cs_inspect_async   (CsKeyPair            *key_pair,
                                        const char           *csr_pem,
                                        guint                 requested_path_length,
                                        GBytes               *certificate,
                                        GBytes               *chain,
                                        GDateTime            *now,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
CsInspectionReport *cs_inspect_finish  (GAsyncResult         *result,
                                        GError              **error);

GBytes             *cs_inspection_load_file (GFile           *file,
                                             GCancellable    *cancellable,
                                             GError         **error);

G_END_DECLS
