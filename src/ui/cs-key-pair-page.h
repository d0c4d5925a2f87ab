/* cs-key-pair-page.h — the Generate Key Pair tab of the editor
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-store.h"

G_BEGIN_DECLS

#define CS_TYPE_KEY_PAIR_PAGE (cs_key_pair_page_get_type ())

G_DECLARE_FINAL_TYPE (CsKeyPairPage, cs_key_pair_page, CS, KEY_PAIR_PAGE, AdwPreferencesPage)

/* Read-only properties: "busy" (a key is being generated or a file
 * written) and "generating". */

void       cs_key_pair_page_set_store          (CsKeyPairPage *self,
                                                CsStore       *store);
void       cs_key_pair_page_set_record         (CsKeyPairPage *self,
                                                CsRecord      *record);
gboolean   cs_key_pair_page_get_busy           (CsKeyPairPage *self);
gboolean   cs_key_pair_page_get_generating     (CsKeyPairPage *self);
void       cs_key_pair_page_cancel             (CsKeyPairPage *self);

/* What the "Download Public Key" file chooser does with the chosen file. */
void       cs_key_pair_page_save_public_key    (CsKeyPairPage *self,
                                                GFile         *file);

/* For the tests. */
AdwComboRow *cs_key_pair_page_get_key_type_row    (CsKeyPairPage *self);
GtkButton   *cs_key_pair_page_get_generate_button (CsKeyPairPage *self);
GtkButton   *cs_key_pair_page_get_cancel_button   (CsKeyPairPage *self);
GtkTextView *cs_key_pair_page_get_public_key_view (CsKeyPairPage *self);
const char  *cs_key_pair_page_get_fingerprint_text (CsKeyPairPage *self);
const char  *cs_key_pair_page_get_progress_text   (CsKeyPairPage *self);

G_END_DECLS
