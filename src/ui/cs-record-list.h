/* cs-record-list.h — the column view of the intermediate CA certificates
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-record.h"
#include "cs-record-column.h"

G_BEGIN_DECLS

#define CS_TYPE_RECORD_LIST (cs_record_list_get_type ())

G_DECLARE_FINAL_TYPE (CsRecordList, cs_record_list, CS, RECORD_LIST, GtkWidget)

/* Shows a GListModel of CsRecord ("model") through a sort model bound to
 * the column headers and a filter on "search-text" (every column's text,
 * case-insensitively). The columns' order and visibility are kept in the
 * GSettings keys `column-order` and `hidden-columns`. Row actions are the
 * window's `win.*` actions with the record id as target. */
GtkWidget           *cs_record_list_new                (void);

GListModel          *cs_record_list_get_model          (CsRecordList   *self);
void                 cs_record_list_set_model          (CsRecordList   *self,
                                                        GListModel     *model);
const char          *cs_record_list_get_search_text    (CsRecordList   *self);
void                 cs_record_list_set_search_text    (CsRecordList   *self,
                                                        const char     *text);

/* The rows as shown: sorted, filtered, with the selection. */
GtkSelectionModel   *cs_record_list_get_visible_model  (CsRecordList   *self);
/* The columns left out because the list is too narrow for all those the
 * user shows: a bit (1 << CsRecordColumn) each. */
guint                cs_record_list_get_narrow_columns (CsRecordList   *self);
GtkColumnView       *cs_record_list_get_column_view    (CsRecordList   *self);
GtkColumnViewColumn *cs_record_list_get_column         (CsRecordList   *self,
                                                        CsRecordColumn  column);
CsRecord            *cs_record_list_get_selected       (CsRecordList   *self);
void                 cs_record_list_select             (CsRecordList   *self,
                                                        CsRecord       *record);

/* Opens the menu of the selected row; FALSE when no row is selected. The
 * keys call the list's actions: list.show-menu (Menu, Shift+F10) and
 * list.delete-selected (Delete), besides Enter, which opens the row. */
gboolean             cs_record_list_popup_menu         (CsRecordList   *self);

/* The stateful actions that show and hide the columns (insert them as
 * "columns"), and a menu of them. */
GActionGroup        *cs_record_list_get_column_actions (CsRecordList   *self);
GMenuModel          *cs_record_list_get_columns_menu   (CsRecordList   *self);

/* The actions that apply to @record, as a menu of `win.*` items. */
GMenuModel          *cs_record_list_create_menu        (CsRecord       *record);

G_END_DECLS
