/* cs-upload-page.h — the Upload Intermediate Certificate tab of the editor
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-store.h"

G_BEGIN_DECLS

#define CS_TYPE_UPLOAD_PAGE (cs_upload_page_get_type ())

G_DECLARE_FINAL_TYPE (CsUploadPage, cs_upload_page, CS, UPLOAD_PAGE, AdwPreferencesPage)

/* Read-only property: "busy" (a file is being read and checked). */

void                cs_upload_page_set_store          (CsUploadPage *self,
                                                       CsStore      *store);
void                cs_upload_page_set_record         (CsUploadPage *self,
                                                       CsRecord     *record);
gboolean            cs_upload_page_get_busy           (CsUploadPage *self);

/* What the file choosers and the drop target do with the chosen file: read
 * it off the main thread, upload it, and show the report. */
void                cs_upload_page_upload_certificate (CsUploadPage *self,
                                                       GFile        *file);
void                cs_upload_page_upload_chain       (CsUploadPage *self,
                                                       GFile        *file);

/* For the tests: the report shown (or NULL), its summary, the list. */
CsInspectionReport *cs_upload_page_get_report         (CsUploadPage *self);
const char         *cs_upload_page_get_summary        (CsUploadPage *self);
GtkListBox         *cs_upload_page_get_report_list    (CsUploadPage *self);
const char         *cs_upload_page_get_certificate_text (CsUploadPage *self);
const char         *cs_upload_page_get_chain_text     (CsUploadPage *self);
GtkButton          *cs_upload_page_get_certificate_button (CsUploadPage *self);
GtkButton          *cs_upload_page_get_chain_button   (CsUploadPage *self);
GtkDropTarget      *cs_upload_page_get_drop_target    (CsUploadPage *self);

G_END_DECLS
