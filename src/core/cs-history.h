/* cs-history.h — the events of the store's history table
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CsHistoryKind:
 * @CS_HISTORY_CREATED: a record was created
 * @CS_HISTORY_RENAMED: a record's name changed (detail: the old name)
 * @CS_HISTORY_KEY_GENERATED: a key pair was generated (or regenerated)
 * @CS_HISTORY_CSR_GENERATED: a certificate request was generated
 * @CS_HISTORY_CERTIFICATE_UPLOADED: a certificate was uploaded to a draft
 * @CS_HISTORY_CERTIFICATE_REPLACED: the certificate of a ready record was
 *   replaced (detail: the old certificate, PEM)
 * @CS_HISTORY_CHAIN_UPLOADED: a chain was uploaded to a draft
 * @CS_HISTORY_CHAIN_REPLACED: the chain of a ready record was replaced
 *   (detail: the old chain and root, PEM)
 * @CS_HISTORY_FINALIZED: a record became ready
 * @CS_HISTORY_DEFAULT_CHANGED: a record became the default (detail: the old
 *   default's name, or empty)
 * @CS_HISTORY_ENABLED: a record was enabled
 * @CS_HISTORY_DISABLED: a record was disabled
 * @CS_HISTORY_ACTIVATED: the saved configuration was activated (detail: the
 *   pending changes, one a line, and the deploy folder)
 * @CS_HISTORY_DELETED: a record was deleted (and its key destroyed)
 *
 * What an event of the history records.
 */
typedef enum
{
  CS_HISTORY_CREATED,
  CS_HISTORY_RENAMED,
  CS_HISTORY_KEY_GENERATED,
  CS_HISTORY_CSR_GENERATED,
  CS_HISTORY_CERTIFICATE_UPLOADED,
  CS_HISTORY_CERTIFICATE_REPLACED,
  CS_HISTORY_CHAIN_UPLOADED,
  CS_HISTORY_CHAIN_REPLACED,
  CS_HISTORY_FINALIZED,
  CS_HISTORY_DEFAULT_CHANGED,
  CS_HISTORY_ENABLED,
  CS_HISTORY_DISABLED,
  CS_HISTORY_ACTIVATED,
  CS_HISTORY_DELETED,
} CsHistoryKind;

#define CS_N_HISTORY_KINDS 14

#define CS_TYPE_HISTORY_KIND (cs_history_kind_get_type ())
GType       cs_history_kind_get_type      (void) G_GNUC_CONST;

const char *cs_history_kind_get_api_name  (CsHistoryKind   kind);
gboolean    cs_history_kind_from_api_name (const char     *name,
                                           CsHistoryKind  *kind);
const char *cs_history_kind_get_label     (CsHistoryKind   kind);

#define CS_TYPE_HISTORY_EVENT (cs_history_event_get_type ())

G_DECLARE_FINAL_TYPE (CsHistoryEvent, cs_history_event, CS, HISTORY_EVENT, GObject)

/* Read-only properties: "id", "time", "kind", "record-id", "record-name",
 * "summary", "detail". */
gint64         cs_history_event_get_id          (CsHistoryEvent *self);
GDateTime     *cs_history_event_get_time        (CsHistoryEvent *self);
CsHistoryKind  cs_history_event_get_kind        (CsHistoryEvent *self);
gint64         cs_history_event_get_record_id   (CsHistoryEvent *self);
const char    *cs_history_event_get_record_name (CsHistoryEvent *self);
const char    *cs_history_event_get_summary     (CsHistoryEvent *self);
const char    *cs_history_event_get_detail      (CsHistoryEvent *self);

G_END_DECLS
