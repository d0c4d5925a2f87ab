/* cs-general-page.h — the General tab of the editor
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-store.h"

G_BEGIN_DECLS

#define CS_TYPE_GENERAL_PAGE (cs_general_page_get_type ())

G_DECLARE_FINAL_TYPE (CsGeneralPage, cs_general_page, CS, GENERAL_PAGE, AdwPreferencesPage)

/* Read-only properties, following the fields as typed: "name" (without the
 * spaces around it), "description", "enabled", "valid" (the name is set and
 * unique, the description not too long) and "modified" (differs from the
 * record, or for a new certificate, from the empty form). */

void        cs_general_page_set_store        (CsGeneralPage *self,
                                              CsStore       *store);
void        cs_general_page_set_record       (CsGeneralPage *self,
                                              CsRecord      *record);
void        cs_general_page_reset            (CsGeneralPage *self);
const char *cs_general_page_get_name         (CsGeneralPage *self);
const char *cs_general_page_get_description  (CsGeneralPage *self);
gboolean    cs_general_page_get_enabled      (CsGeneralPage *self);
gboolean    cs_general_page_get_valid        (CsGeneralPage *self);
gboolean    cs_general_page_get_modified     (CsGeneralPage *self);
const char *cs_general_page_get_error        (CsGeneralPage *self);
void        cs_general_page_show_errors      (CsGeneralPage *self);

/* For the tests. */
GtkEditable *cs_general_page_get_name_entry       (CsGeneralPage *self);
GtkTextView *cs_general_page_get_description_view (CsGeneralPage *self);
GtkSwitch   *cs_general_page_get_status_switch    (CsGeneralPage *self);
const char  *cs_general_page_get_shown_error      (CsGeneralPage *self);

G_END_DECLS
