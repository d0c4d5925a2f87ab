/* cs-check-row.h — one row of the report on an uploaded certificate
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-check.h"

G_BEGIN_DECLS

#define CS_TYPE_CHECK_ROW (cs_check_row_get_type ())

G_DECLARE_FINAL_TYPE (CsCheckRow, cs_check_row, CS, CHECK_ROW, GtkListBoxRow)

/* Property: "check" (CsCheck, construct-only). */
GtkWidget  *cs_check_row_new           (CsCheck    *check);
CsCheck    *cs_check_row_get_check     (CsCheckRow *self);

/* For the tests: what the row shows. */
const char *cs_check_row_get_icon_name (CsCheckRow *self);
const char *cs_check_row_get_message   (CsCheckRow *self);

G_END_DECLS
