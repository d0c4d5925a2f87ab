/* cs-pending-popover.h — the pending changes and the Activate button
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-store.h"

G_BEGIN_DECLS

#define CS_TYPE_PENDING_POPOVER (cs_pending_popover_get_type ())

G_DECLARE_FINAL_TYPE (CsPendingPopover, cs_pending_popover, CS, PENDING_POPOVER, GtkPopover)

/* Lists the "pending-changes" of "store", one a row, above a button that
 * activates `win.activate-changes`. */
GtkWidget *cs_pending_popover_new        (void);
CsStore   *cs_pending_popover_get_store  (CsPendingPopover *self);
void       cs_pending_popover_set_store  (CsPendingPopover *self,
                                          CsStore          *store);

/* The lines shown, for tests: (transfer full) a NULL-terminated array. */
char     **cs_pending_popover_dup_lines  (CsPendingPopover *self);

G_END_DECLS
