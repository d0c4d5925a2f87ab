/* cs-record-cell.h — one cell of the certificate list
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-record.h"
#include "cs-record-column.h"

G_BEGIN_DECLS

#define CS_TYPE_RECORD_CELL (cs_record_cell_get_type ())

G_DECLARE_FINAL_TYPE (CsRecordCell, cs_record_cell, CS, RECORD_CELL, GtkWidget)

/* Shows one column of a record and follows its changes. Properties:
 * "column" (construct-only, a CsRecordColumn) and "record". */
GtkWidget      *cs_record_cell_new          (CsRecordColumn  column);
CsRecordColumn  cs_record_cell_get_column   (CsRecordCell   *self);
CsRecord       *cs_record_cell_get_record   (CsRecordCell   *self);
void            cs_record_cell_set_record   (CsRecordCell   *self,
                                             CsRecord       *record);

/* What the cell shows, for tests and for the accessibility tree: the main
 * text, the tag ("Default"; NULL when hidden), the line underneath (NULL when
 * hidden), the tooltip (NULL when none) and the expiration marker. */
const char     *cs_record_cell_get_text     (CsRecordCell   *self);
const char     *cs_record_cell_get_tag      (CsRecordCell   *self);
const char     *cs_record_cell_get_subtitle (CsRecordCell   *self);
const char     *cs_record_cell_get_tooltip  (CsRecordCell   *self);
CsExpiry        cs_record_cell_get_expiry   (CsRecordCell   *self);

int             cs_record_cell_get_column_width (GtkWidget      *widget,
                                                 CsRecordColumn  column);

G_END_DECLS
