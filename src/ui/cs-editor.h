/* cs-editor.h — "Add Software Intermediate CA Certificate"
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-store.h"

G_BEGIN_DECLS

#define CS_TYPE_EDITOR (cs_editor_get_type ())

G_DECLARE_FINAL_TYPE (CsEditor, cs_editor, CS, EDITOR, AdwWindow)

/* @record: NULL to add a new certificate, else the record to open. */
CsEditor *cs_editor_new        (GtkWindow *parent,
                                CsStore   *store,
                                CsRecord  *record);
CsRecord *cs_editor_get_record (CsEditor  *self);

G_END_DECLS
