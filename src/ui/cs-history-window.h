/* cs-history-window.h — the events of the store, newest first
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-store.h"

G_BEGIN_DECLS

#define CS_TYPE_HISTORY_WINDOW (cs_history_window_get_type ())

G_DECLARE_FINAL_TYPE (CsHistoryWindow, cs_history_window, CS, HISTORY_WINDOW, AdwWindow)

/* Loads the history of @store when created and on cs_history_window_reload().
 * "events" is the loaded GListModel of CsHistoryEvent (NULL until then). */
CsHistoryWindow *cs_history_window_new        (GtkWindow       *parent,
                                               CsStore         *store);
CsStore         *cs_history_window_get_store  (CsHistoryWindow *self);
GListModel      *cs_history_window_get_events (CsHistoryWindow *self);
void             cs_history_window_reload     (CsHistoryWindow *self);

G_END_DECLS
