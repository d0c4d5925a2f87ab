/* cs-csr-page.h — the Generate CSR tab of the editor
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-store.h"

G_BEGIN_DECLS

#define CS_TYPE_CSR_PAGE (cs_csr_page_get_type ())

G_DECLARE_FINAL_TYPE (CsCsrPage, cs_csr_page, CS, CSR_PAGE, AdwPreferencesPage)

/* Read-only property: "busy" (a CSR is being generated, the request read
 * from the store, or a file written). */

void         cs_csr_page_set_store        (CsCsrPage       *self,
                                           CsStore         *store);
void         cs_csr_page_set_record       (CsCsrPage       *self,
                                           CsRecord        *record,
                                           CsRecordDetails *details);
gboolean     cs_csr_page_get_busy         (CsCsrPage       *self);

/* What the "CSR for Custom Certificate" file chooser does with the file. */
void         cs_csr_page_save_csr         (CsCsrPage       *self,
                                           GFile           *file);

/* For the tests. A field is a CsSubjectField, or -1 for the CSR File Name. */
#define CS_CSR_PAGE_FILE_NAME (-1)
GtkEditable *cs_csr_page_get_entry        (CsCsrPage       *self,
                                           int              field);
const char  *cs_csr_page_get_shown_error  (CsCsrPage       *self,
                                           int              field);
const char  *cs_csr_page_get_country_name (CsCsrPage       *self);
AdwComboRow *cs_csr_page_get_digest_row   (CsCsrPage       *self);
AdwComboRow *cs_csr_page_get_path_length_row (CsCsrPage    *self);
const char  *cs_csr_page_get_key_size_text (CsCsrPage      *self);
GtkButton   *cs_csr_page_get_generate_button (CsCsrPage    *self);
GtkButton   *cs_csr_page_get_download_button (CsCsrPage    *self);
GtkTextView *cs_csr_page_get_decoded_view (CsCsrPage       *self);
GtkTextView *cs_csr_page_get_instructions_view (CsCsrPage  *self);

G_END_DECLS
