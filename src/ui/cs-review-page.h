/* cs-review-page.h — the Review tab of the editor
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-general-page.h"
#include "cs-store.h"

G_BEGIN_DECLS

#define CS_TYPE_REVIEW_PAGE (cs_review_page_get_type ())

G_DECLARE_FINAL_TYPE (CsReviewPage, cs_review_page, CS, REVIEW_PAGE, AdwPreferencesPage)

/* Read-only property: "make-default" (the Default Certificate switch is on
 * for a record that is not the default yet). */

void        cs_review_page_set_general      (CsReviewPage  *self,
                                             CsGeneralPage *general);
void        cs_review_page_set_record       (CsReviewPage  *self,
                                             CsRecord      *record);
gboolean    cs_review_page_get_make_default (CsReviewPage  *self);

/* For the tests. */
GtkSwitch  *cs_review_page_get_default_switch (CsReviewPage *self);
const char *cs_review_page_get_default_text   (CsReviewPage *self);
const char *cs_review_page_get_value          (CsReviewPage *self,
                                               const char   *title);

G_END_DECLS
