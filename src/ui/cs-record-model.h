/* cs-record-model.h — a list of records that reports edited records
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-record.h"

G_BEGIN_DECLS

#define CS_TYPE_RECORD_MODEL (cs_record_model_get_type ())

G_DECLARE_FINAL_TYPE (CsRecordModel, cs_record_model, CS, RECORD_MODEL, GObject)

/* The records of @source, in its order, as a GListModel; when a record's
 * properties change, its position is reported as changed (once per main
 * loop iteration), so that the sort and filter models above it put it
 * where it now belongs: GtkSortListModel and GtkFilterListModel do not
 * watch their items. */
CsRecordModel *cs_record_model_new        (GListModel    *source);
GListModel    *cs_record_model_get_source (CsRecordModel *self);

G_END_DECLS
