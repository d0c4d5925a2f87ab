/* cs-editor-private.h — shared by the editor and its pages, and for the tests
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-editor.h"
#include "cs-csr-page.h"
#include "cs-general-page.h"
#include "cs-key-pair-page.h"
#include "cs-review-page.h"
#include "cs-upload-page.h"

G_BEGIN_DECLS

/* The tabs of the editor, in order. */
typedef enum
{
  CS_EDITOR_PAGE_GENERAL,
  CS_EDITOR_PAGE_KEY_PAIR,
  CS_EDITOR_PAGE_CSR,
  CS_EDITOR_PAGE_UPLOAD,
  CS_EDITOR_PAGE_REVIEW,
} CsEditorPage;

#define CS_EDITOR_N_PAGES 5

/* Called with the file a person chose (never with NULL). */
typedef void (*CsEditorFileFunc) (gpointer  data,
                                  GFile    *file);

/* Called when a person confirmed a question of cs_editor_confirm(). */
typedef void (*CsEditorConfirmFunc) (gpointer  data);

/* Helpers for the pages. Each reaches the editor through @widget's
 * ancestors or the editor's widget actions. */
char      *cs_editor_format_time          (GDateTime            *time);
char      *cs_editor_file_name_for        (const char           *name,
                                           const char           *suffix);
void       cs_editor_show_toast           (GtkWidget            *widget,
                                           const char           *text);
void       cs_editor_show_error           (GtkWidget            *widget,
                                           const char           *heading,
                                           const GError         *error);
void       cs_editor_copy_text            (GtkWidget            *widget,
                                           const char           *text,
                                           const char           *toast);
void       cs_editor_set_text_view        (GtkTextView          *view,
                                           const char           *text);
char      *cs_editor_dup_text_view        (GtkTextView          *view);
void       cs_editor_set_row_error        (GtkWidget            *row,
                                           GtkWidget            *message_row,
                                           GtkLabel             *message_label,
                                           const char           *message);
void       cs_editor_choose_file          (GtkWidget            *widget,
                                           const char           *title,
                                           GtkFileChooserAction  action,
                                           const char           *accept_label,
                                           const char           *suggested_name,
                                           gboolean              certificate_filters,
                                           CsEditorFileFunc      func,
                                           gpointer              data);
void       cs_editor_write_file_async     (const char           *text,
                                           GFile                *file,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean   cs_editor_write_file_finish    (GAsyncResult         *result,
                                           GError              **error);
void       cs_editor_confirm              (GtkWidget            *widget,
                                           const char           *heading,
                                           const char           *body,
                                           const char           *confirm_label,
                                           CsEditorConfirmFunc   func,
                                           gpointer              data);
void       cs_editor_remember_folder      (const char           *key,
                                           GFile                *file);

/* For the tests: the parts of the editor a person sees. */
GtkNotebook    *cs_editor_get_notebook       (CsEditor     *self);
CsGeneralPage  *cs_editor_get_general_page   (CsEditor     *self);
CsKeyPairPage  *cs_editor_get_key_pair_page  (CsEditor     *self);
CsCsrPage      *cs_editor_get_csr_page       (CsEditor     *self);
CsUploadPage   *cs_editor_get_upload_page    (CsEditor     *self);
CsReviewPage   *cs_editor_get_review_page    (CsEditor     *self);
GtkWidget      *cs_editor_get_back_button    (CsEditor     *self);
GtkWidget      *cs_editor_get_next_button    (CsEditor     *self);
GtkWidget      *cs_editor_get_save_button    (CsEditor     *self);
const char     *cs_editor_get_status_text    (CsEditor     *self);
gboolean        cs_editor_get_busy           (CsEditor     *self);
gboolean        cs_editor_get_loading        (CsEditor     *self);
const char     *cs_editor_get_lock_reason    (CsEditor     *self,
                                              CsEditorPage  page);

/* Points *@slot at @record and follows its notify with @notify_cb (swapped,
 * @page as data). Returns FALSE, changing nothing, when @record is already
 * the one followed: a page given the same record again keeps following it. */
gboolean cs_editor_follow_record (gpointer    page,
                                  CsRecord  **slot,
                                  CsRecord   *record,
                                  GCallback   notify_cb);

G_END_DECLS
