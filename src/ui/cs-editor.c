/* cs-editor.c — "Add Software Intermediate CA Certificate"
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor of SPEC §2: a notebook of five tabs, one widget per tab. The
 * record is created when the General tab is left with a valid name; the key
 * pair, the CSR and the uploads are saved by their tabs the moment they are
 * done; the General fields and the Default switch are saved with Save.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-editor-private.h"

typedef enum
{
  SAVE_CREATE,
  SAVE_GENERAL,
  SAVE_FINALIZE,
  SAVE_DEFAULT,
  SAVE_DONE,
} SaveStep;

struct _CsEditor
{
  AdwWindow         parent_instance;
  gboolean          disposed;

  CsStore          *store;
  CsRecord         *record;
  GCancellable     *cancellable;
  int               pending_page;     /* shown once the record is created */
  SaveStep          save_step;
  gboolean          is_new;           /* the record was created in this editor */
  gboolean          creating;
  gboolean          saving;
  gboolean          loading;
  gboolean          deleting;
  gboolean          close_confirmed;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkStack         *main_stack;
  GtkSpinner       *loading_spinner;
  GtkNotebook      *notebook;
  CsGeneralPage    *general_page;
  CsKeyPairPage    *key_pair_page;
  CsCsrPage        *csr_page;
  CsUploadPage     *upload_page;
  CsReviewPage     *review_page;
  GtkWidget        *general_tab;
  GtkWidget        *key_pair_tab;
  GtkWidget        *csr_tab;
  GtkWidget        *upload_tab;
  GtkWidget        *review_tab;
  GtkWidget        *back_button;
  GtkStack         *forward_stack;
  GtkWidget        *next_button;
  GtkWidget        *save_button;
  GtkLabel         *status_label;
};

G_DEFINE_FINAL_TYPE (CsEditor, cs_editor, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------ */
/* Helpers for the pages                                               */
/* ------------------------------------------------------------------ */

char *
cs_editor_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%c");
}

/* @name made safe as a file name (no "/" or control characters), then @suffix. */
char *
cs_editor_file_name_for (const char *name,
                         const char *suffix)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (const char *p = name != NULL ? name : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        g_string_append_c (str, '-');
      else
        g_string_append_unichar (str, c);
    }
  if (str->len == 0)
    g_string_append (str, "certificate");
  g_string_append (str, suffix);
  return g_string_free (g_steal_pointer (&str), FALSE);
}

void
cs_editor_show_toast (GtkWidget  *widget,
                      const char *text)
{
  gtk_widget_activate_action (widget, "editor.toast", "s", text);
}

void
cs_editor_show_error (GtkWidget    *widget,
                      const char   *heading,
                      const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cs_editor_copy_text (GtkWidget  *widget,
                     const char *text,
                     const char *toast)
{
  if (text == NULL || *text == '\0')
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  cs_editor_show_toast (widget, toast);
}

void
cs_editor_set_text_view (GtkTextView *view,
                         const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

char *
cs_editor_dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Marks @row as invalid with @message shown in @message_row under it, or
 * clears both when @message is NULL. */
void
cs_editor_set_row_error (GtkWidget  *row,
                         GtkWidget  *message_row,
                         GtkLabel   *message_label,
                         const char *message)
{
  gtk_widget_set_visible (message_row, message != NULL);
  gtk_label_set_text (message_label, message != NULL ? message : "");
  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

typedef struct
{
  CsEditorFileFunc  func;
  gpointer          data;   /* a GObject, held until the response */
} ChooseData;

static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  ChooseData *choose = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    choose->func (choose->data, file);

  g_object_unref (choose->data);
  g_free (choose);
  g_object_unref (native);
}

static void
add_certificate_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) certificates = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (certificates, _("Certificates (*.pem, *.crt, *.cer)"));
  gtk_file_filter_add_suffix (certificates, "pem");
  gtk_file_filter_add_suffix (certificates, "crt");
  gtk_file_filter_add_suffix (certificates, "cer");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, certificates);
  gtk_file_chooser_add_filter (chooser, all);
}

/* Shows a GtkFileChooserNative that starts in the last folder used; calls
 * @func with the file chosen. */
void
cs_editor_choose_file (GtkWidget            *widget,
                       const char           *title,
                       GtkFileChooserAction  action,
                       const char           *accept_label,
                       const char           *suggested_name,
                       gboolean              certificate_filters,
                       CsEditorFileFunc      func,
                       gpointer              data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *key = action == GTK_FILE_CHOOSER_ACTION_SAVE ? "last-download-folder" : "last-upload-folder";
  g_autofree char *folder = g_settings_get_string (settings, key);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;
  ChooseData *choose;

  native = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (*folder != '\0')
    {
      g_autoptr(GFile) start = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), start, NULL);
    }
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  if (certificate_filters)
    add_certificate_filters (GTK_FILE_CHOOSER (native));

  choose = g_new0 (ChooseData, 1);
  choose->func = func;
  choose->data = g_object_ref (data);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), choose);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
cs_editor_write_file_async (const char          *text,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, callback, user_data);
}

gboolean
cs_editor_write_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GObject) file = g_async_result_get_source_object (result);

  return g_file_replace_contents_finish (G_FILE (file), result, NULL, error);
}

void
cs_editor_remember_folder (const char *key,
                           GFile      *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (path == NULL)
    return;
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, key, path);
}

typedef struct
{
  CsEditorConfirmFunc  func;
  gpointer             data;   /* a GObject, held until the response */
} ConfirmData;

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  ConfirmData *confirm = user_data;

  if (g_str_equal (response, "confirm"))
    confirm->func (confirm->data);
  g_object_unref (confirm->data);
  g_free (confirm);
}

/* Asks @heading with @body; calls @func only if the person confirms. The
 * confirming response looks destructive: it discards something. */
void
cs_editor_confirm (GtkWidget           *widget,
                   const char          *heading,
                   const char          *body,
                   const char          *confirm_label,
                   CsEditorConfirmFunc  func,
                   gpointer             data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  ConfirmData *confirm;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "confirm", confirm_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  confirm = g_new0 (ConfirmData, 1);
  confirm->func = func;
  confirm->data = g_object_ref (data);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), confirm);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Navigation                                                          */
/* ------------------------------------------------------------------ */

static CsRecordState
record_state (CsEditor *self)
{
  return self->record != NULL ? cs_record_get_current_state (self->record)
                              : CS_RECORD_STATE_GENERAL_DONE;
}

/* Why @page cannot be shown yet, or NULL if it can. */
const char *
cs_editor_get_lock_reason (CsEditor     *self,
                           CsEditorPage  page)
{
  gboolean has_name = self->record != NULL || cs_general_page_get_valid (self->general_page);
  gboolean has_key = self->record != NULL && cs_record_get_has_key (self->record);

  switch (page)
    {
    case CS_EDITOR_PAGE_GENERAL:
      return NULL;
    case CS_EDITOR_PAGE_KEY_PAIR:
    case CS_EDITOR_PAGE_REVIEW:
      return has_name ? NULL : _("Enter a unique name first");
    case CS_EDITOR_PAGE_CSR:
      if (!has_name)
        return _("Enter a unique name first");
      return has_key ? NULL : _("Generate the key pair first");
    case CS_EDITOR_PAGE_UPLOAD:
      if (!has_name)
        return _("Enter a unique name first");
      if (!has_key)
        return _("Generate the key pair first");
      return record_state (self) >= CS_RECORD_STATE_CSRGEN_DONE ? NULL : _("Generate the CSR first");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* What the editor is waiting for, or NULL when it waits for nothing. */
static const char *
busy_text (CsEditor *self)
{
  if (self->loading)
    return _("Loading the certificate…");
  if (self->creating)
    return _("Saving the draft…");
  if (self->saving)
    return _("Saving…");
  if (self->deleting)
    return _("Deleting the draft…");
  if (cs_key_pair_page_get_generating (self->key_pair_page))
    return _("Generating the key pair…");
  if (cs_key_pair_page_get_busy (self->key_pair_page) || cs_csr_page_get_busy (self->csr_page))
    return _("Working…");
  if (cs_upload_page_get_busy (self->upload_page))
    return _("Checking the upload…");
  return NULL;
}

gboolean
cs_editor_get_busy (CsEditor *self)
{
  g_return_val_if_fail (CS_IS_EDITOR (self), FALSE);
  return busy_text (self) != NULL;
}

static GtkWidget *
tab_label (CsEditor     *self,
           CsEditorPage  page)
{
  GtkWidget *tabs[] = { self->general_tab, self->key_pair_tab, self->csr_tab,
                        self->upload_tab, self->review_tab };

  return tabs[page];
}

static const char *
status_text (CsEditor *self,
             int       current)
{
  const char *busy = busy_text (self);

  if (busy != NULL)
    return busy;
  if (current == CS_EDITOR_PAGE_GENERAL && self->record == NULL)
    return cs_general_page_get_valid (self->general_page) ? NULL : _("Enter a unique name to go on");
  if (current < CS_EDITOR_PAGE_REVIEW)
    return cs_editor_get_lock_reason (self, current + 1);
  return cs_general_page_get_valid (self->general_page) ? NULL : _("Correct the General tab before saving");
}

static void
update_navigation (CsEditor *self)
{
  int current = gtk_notebook_get_current_page (self->notebook);
  gboolean busy = busy_text (self) != NULL;
  const char *status = status_text (self, current);

  for (int page = 0; page < CS_EDITOR_N_PAGES; page++)
    {
      const char *reason = cs_editor_get_lock_reason (self, page);

      gtk_widget_set_sensitive (tab_label (self, page), reason == NULL);
      gtk_widget_set_tooltip_text (tab_label (self, page), reason);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.back", !busy && current > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.next",
                                 !busy && current < CS_EDITOR_PAGE_REVIEW &&
                                 cs_editor_get_lock_reason (self, current + 1) == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 !busy && cs_general_page_get_valid (self->general_page));
  gtk_stack_set_visible_child_name (self->forward_stack,
                                    current == CS_EDITOR_PAGE_REVIEW ? "save" : "next");
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_tooltip_text (self->next_button, status);
}

static void
update_title (CsEditor *self)
{
  const char *title = _("Add Software Intermediate CA Certificate");

  if (self->record != NULL && !self->is_new)
    title = cs_record_get_name (self->record);

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title,
                                 self->record != NULL ? cs_record_get_state_label (self->record) : "");
}

static void
record_notify_cb (CsEditor *self)
{
  update_title (self);
  update_navigation (self);
}

static void
set_record (CsEditor        *self,
            CsRecord        *record,
            CsRecordDetails *details)
{
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  g_set_object (&self->record, record);
  if (record != NULL)
    g_signal_connect_object (record, "notify", G_CALLBACK (record_notify_cb), self, G_CONNECT_SWAPPED);

  cs_general_page_set_record (self->general_page, record);
  cs_key_pair_page_set_record (self->key_pair_page, record);
  cs_csr_page_set_record (self->csr_page, record, details);
  cs_upload_page_set_record (self->upload_page, record);
  cs_review_page_set_record (self->review_page, record);

  update_title (self);
  update_navigation (self);
}

static void
show_page (CsEditor *self,
           int       page)
{
  gtk_notebook_set_current_page (self->notebook, page);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CsEditor) self = user_data;
  g_autoptr(CsRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  /* The widget went away while the operation ran: nothing to show. */
  if (self->disposed)
    return;

  record = cs_store_create_record_finish (CS_STORE (source), result, &error);
  self->creating = FALSE;
  if (record == NULL)
    {
      update_navigation (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cs_editor_show_error (GTK_WIDGET (self), _("Could Not Save the Draft"), error);
      return;
    }

  self->is_new = TRUE;
  set_record (self, record, NULL);
  toast = g_strdup_printf (_("Draft “%s” saved"), cs_record_get_name (record));
  cs_editor_show_toast (GTK_WIDGET (self), toast);
  show_page (self, self->pending_page);
}

/* Leaving the General tab of a new certificate creates its record. */
static void
create_record (CsEditor *self,
               int       then_page)
{
  if (!cs_general_page_get_valid (self->general_page))
    {
      cs_general_page_show_errors (self->general_page);
      return;
    }

  self->creating = TRUE;
  self->pending_page = then_page;
  update_navigation (self);
  cs_store_create_record_async (self->store,
                                cs_general_page_get_name (self->general_page),
                                cs_general_page_get_description (self->general_page),
                                cs_general_page_get_enabled (self->general_page),
                                self->cancellable, created_cb, g_object_ref (self));
}

static void
switch_page_cb (GtkNotebook *notebook,
                GtkWidget   *child,
                guint        page,
                CsEditor    *self)
{
  int current = gtk_notebook_get_current_page (notebook);

  if (current < 0 || (int) page == current)
    return;

  if (busy_text (self) != NULL || cs_editor_get_lock_reason (self, page) != NULL)
    {
      g_signal_stop_emission_by_name (notebook, "switch-page");
      return;
    }

  if (current == CS_EDITOR_PAGE_GENERAL && self->record == NULL)
    {
      g_signal_stop_emission_by_name (notebook, "switch-page");
      create_record (self, page);
    }
}

static void
page_switched_cb (CsEditor *self)
{
  update_navigation (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsEditor *self = CS_EDITOR (widget);

  show_page (self, gtk_notebook_get_current_page (self->notebook) - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsEditor *self = CS_EDITOR (widget);
  int current = gtk_notebook_get_current_page (self->notebook);

  if (current == CS_EDITOR_PAGE_GENERAL && !cs_general_page_get_valid (self->general_page))
    cs_general_page_show_errors (self->general_page);
  else if (current < CS_EDITOR_PAGE_REVIEW)
    show_page (self, current + 1);
}

/* Ctrl+Page Down/Up move between the tabs wherever the focus is (the
 * notebook's own bindings work only with the focus inside it); locked tabs
 * stay locked through switch_page_cb(). */
static void
next_tab_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_notebook_next_page (CS_EDITOR (widget)->notebook);
}

static void
previous_tab_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_notebook_prev_page (CS_EDITOR (widget)->notebook);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  int page = g_variant_get_int32 (parameter);

  if (page >= 0 && page < CS_EDITOR_N_PAGES)
    show_page (CS_EDITOR (widget), page);
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CsEditor *self = CS_EDITOR (widget);

  AdwToast *toast = adw_toast_new (g_variant_get_string (parameter, NULL));

  /* The newest news replaces the one shown: it is about what was just done. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------ */
/* Saving                                                              */
/* ------------------------------------------------------------------ */

static void save_run_step (CsEditor *self);

static gboolean
save_step_finish (CsEditor      *self,
                  GAsyncResult  *result,
                  GError       **error)
{
  g_autoptr(CsRecord) record = NULL;

  switch (self->save_step)
    {
    case SAVE_CREATE:
      record = cs_store_create_record_finish (self->store, result, error);
      if (record == NULL)
        return FALSE;
      self->is_new = TRUE;
      set_record (self, record, NULL);
      return TRUE;
    case SAVE_GENERAL:
      return cs_store_update_general_finish (self->store, result, error);
    case SAVE_FINALIZE:
      return cs_store_finalize_finish (self->store, result, error);
    case SAVE_DEFAULT:
      return cs_store_make_default_finish (self->store, result, error);
    case SAVE_DONE:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CsEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The widget went away while the operation ran: nothing to show. */
  if (self->disposed)
    return;

  if (!save_step_finish (self, result, &error))
    {
      self->saving = FALSE;
      update_navigation (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cs_editor_show_error (GTK_WIDGET (self), _("Could Not Save"), error);
      return;
    }

  self->save_step++;
  save_run_step (self);
}

/* Starts the current step if it applies; returns FALSE if it does not. */
static gboolean
save_start_step (CsEditor *self)
{
  CsGeneralPage *general = self->general_page;
  CsRecordState state = record_state (self);

  switch (self->save_step)
    {
    case SAVE_CREATE:
      if (self->record != NULL)
        return FALSE;
      cs_store_create_record_async (self->store, cs_general_page_get_name (general),
                                    cs_general_page_get_description (general),
                                    cs_general_page_get_enabled (general),
                                    self->cancellable, save_cb, g_object_ref (self));
      return TRUE;
    case SAVE_GENERAL:
      if (!cs_general_page_get_modified (general))
        return FALSE;
      cs_store_update_general_async (self->store, self->record, cs_general_page_get_name (general),
                                     cs_general_page_get_description (general),
                                     cs_general_page_get_enabled (general),
                                     self->cancellable, save_cb, g_object_ref (self));
      return TRUE;
    case SAVE_FINALIZE:
      if (state != CS_RECORD_STATE_INTCERT_UPLOAD_DONE && state != CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE)
        return FALSE;
      cs_store_finalize_async (self->store, self->record, self->cancellable, save_cb, g_object_ref (self));
      return TRUE;
    case SAVE_DEFAULT:
      if (!cs_review_page_get_make_default (self->review_page) || cs_record_get_default_certificate (self->record))
        return FALSE;
      cs_store_make_default_async (self->store, self->record, self->cancellable, save_cb, g_object_ref (self));
      return TRUE;
    case SAVE_DONE:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
save_run_step (CsEditor *self)
{
  while (self->save_step < SAVE_DONE)
    {
      if (save_start_step (self))
        return;
      self->save_step++;
    }

  /* Saved: the editor closes; the main window shows what is pending. */
  self->saving = FALSE;
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
save (CsEditor *self)
{
  if (self->saving || busy_text (self) != NULL)
    return;
  if (!cs_general_page_get_valid (self->general_page))
    {
      show_page (self, CS_EDITOR_PAGE_GENERAL);
      cs_general_page_show_errors (self->general_page);
      return;
    }

  self->saving = TRUE;
  self->save_step = SAVE_CREATE;
  update_navigation (self);
  save_run_step (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (CS_EDITOR (widget));
}

/* ------------------------------------------------------------------ */
/* Closing                                                             */
/* ------------------------------------------------------------------ */

static gboolean
has_unsaved_edits (CsEditor *self)
{
  return cs_general_page_get_modified (self->general_page) ||
         cs_review_page_get_make_default (self->review_page);
}

static gboolean
is_new_draft (CsEditor *self)
{
  return self->is_new && self->record != NULL && cs_record_state_is_draft (record_state (self));
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closes the editor once the question that led here is gone. */
static void
close_now (CsEditor *self)
{
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CsEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The widget went away while the operation ran: nothing to show. */
  if (self->disposed)
    return;

  self->deleting = FALSE;
  if (!cs_store_delete_record_finish (CS_STORE (source), result, &error))
    {
      update_navigation (self);
      cs_editor_show_error (GTK_WIDGET (self), _("Could Not Delete the Draft"), error);
      return;
    }
  close_now (self);
}

static void
keep_draft_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CsEditor         *self)
{
  if (g_str_equal (response, "keep"))
    {
      close_now (self);
    }
  else if (g_str_equal (response, "delete"))
    {
      cs_key_pair_page_cancel (self->key_pair_page);
      self->deleting = TRUE;
      update_navigation (self);
      cs_store_delete_record_async (self->store, self->record, NULL, deleted_cb, g_object_ref (self));
    }
}

static void
ask_keep_draft (CsEditor *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (cs_record_get_has_key (self->record))
    body = g_strdup_printf (_("“%s” is not finished. Keep the draft to go on later, or delete it: deleting destroys its private key for good, and a certificate signed for that key can never be used."),
                            cs_record_get_name (self->record));
  else
    body = g_strdup_printf (_("“%s” is not finished. Keep the draft to go on later, or delete it."),
                            cs_record_get_name (self->record));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Keep the Draft?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Draft"),
                                    "keep", _("_Keep Draft"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (keep_draft_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CsEditor         *self)
{
  if (g_str_equal (response, "save"))
    {
      save (self);
    }
  else if (g_str_equal (response, "discard"))
    {
      if (is_new_draft (self))
        ask_keep_draft (self);
      else
        close_now (self);
    }
}

static void
ask_unsaved (CsEditor *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Your Changes?"),
                                                       _("The name, status, description or default were changed and are not saved yet.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard Edits"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", cs_general_page_get_valid (self->general_page));
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
cs_editor_close_request (GtkWindow *window)
{
  CsEditor *self = CS_EDITOR (window);

  if (!self->close_confirmed)
    {
      /* A record being created, saved or deleted finishes first. */
      if (self->creating || self->saving || self->deleting)
        return TRUE;
      if (has_unsaved_edits (self))
        {
          ask_unsaved (self);
          return TRUE;
        }
      if (is_new_draft (self))
        {
          ask_keep_draft (self);
          return TRUE;
        }
    }

  /* Nothing else may run on: a key still being generated is dropped. */
  cs_key_pair_page_cancel (self->key_pair_page);
  return GTK_WINDOW_CLASS (cs_editor_parent_class)->close_request (window);
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */
/* ------------------------------------------------------------------ */

/* A draft opens on its next step; a ready certificate on General. */
static CsEditorPage
page_for_state (CsRecordState state)
{
  switch (state)
    {
    case CS_RECORD_STATE_GENERAL_DONE:
      return CS_EDITOR_PAGE_KEY_PAIR;
    case CS_RECORD_STATE_KEYGEN_DONE:
      return CS_EDITOR_PAGE_CSR;
    case CS_RECORD_STATE_CSRGEN_DONE:
    case CS_RECORD_STATE_INTCERT_UPLOAD_DONE:
      return CS_EDITOR_PAGE_UPLOAD;
    case CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE:
      return CS_EDITOR_PAGE_REVIEW;
    case CS_RECORD_STATE_CERT_READY:
    default:
      return CS_EDITOR_PAGE_GENERAL;
    }
}

static void
details_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CsEditor) self = user_data;
  g_autoptr(CsRecordDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecord) record = g_steal_pointer (&self->record);

  /* The widget went away while the operation ran: nothing to show. */
  if (self->disposed)
    return;

  details = cs_store_load_details_finish (CS_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "content");
  set_record (self, record, details);
  show_page (self, page_for_state (cs_record_get_current_state (record)));

  if (details == NULL)
    cs_editor_show_error (GTK_WIDGET (self), _("Could Not Read the Certificate"), error);
}

static void
load_record (CsEditor *self,
             CsRecord *record)
{
  /* Kept aside until loaded, so that no tab works on a half-shown record. */
  g_set_object (&self->record, record);
  self->loading = TRUE;
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  update_navigation (self);
  cs_store_load_details_async (self->store, record, self->cancellable,
                               details_loaded_cb, g_object_ref (self));
}

/**
 * cs_editor_new:
 * @parent: (nullable): the main window
 * @store: the open store
 * @record: (nullable): the record to open, or %NULL to add a new one
 *
 * Returns: (transfer none): a new editor (a toplevel window; present it)
 */
gboolean
cs_editor_follow_record (gpointer    page,
                         CsRecord  **slot,
                         CsRecord   *record,
                         GCallback   notify_cb)
{
  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (record == NULL || CS_IS_RECORD (record), FALSE);

  if (*slot == record)
    return FALSE;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, page);
  g_set_object (slot, record);
  if (record != NULL)
    g_signal_connect_object (record, "notify", notify_cb, page, G_CONNECT_SWAPPED);
  return TRUE;
}

CsEditor *
cs_editor_new (GtkWindow *parent,
               CsStore   *store,
               CsRecord  *record)
{
  CsEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CS_IS_STORE (store), NULL);
  g_return_val_if_fail (record == NULL || CS_IS_RECORD (record), NULL);

  self = g_object_new (CS_TYPE_EDITOR, "transient-for", parent, NULL);
  /* Part of the application, so that quitting asks about unsaved edits. */
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->store = g_object_ref (store);
  cs_general_page_set_store (self->general_page, store);
  cs_key_pair_page_set_store (self->key_pair_page, store);
  cs_csr_page_set_store (self->csr_page, store);
  cs_upload_page_set_store (self->upload_page, store);

  if (record != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), cs_record_get_name (record));
      adw_window_title_set_title (self->window_title, cs_record_get_name (record));
      load_record (self, record);
    }
  else
    {
      set_record (self, NULL, NULL);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (cs_general_page_get_name_entry (self->general_page)));
    }

  return self;
}

CsRecord *
cs_editor_get_record (CsEditor *self)
{
  g_return_val_if_fail (CS_IS_EDITOR (self), NULL);

  return self->record;
}

/* ------------------------------------------------------------------ */
/* For the tests                                                       */
/* ------------------------------------------------------------------ */

GtkNotebook *
cs_editor_get_notebook (CsEditor *self)
{
  return self->notebook;
}

CsGeneralPage *
cs_editor_get_general_page (CsEditor *self)
{
  return self->general_page;
}

CsKeyPairPage *
cs_editor_get_key_pair_page (CsEditor *self)
{
  return self->key_pair_page;
}

CsCsrPage *
cs_editor_get_csr_page (CsEditor *self)
{
  return self->csr_page;
}

CsUploadPage *
cs_editor_get_upload_page (CsEditor *self)
{
  return self->upload_page;
}

CsReviewPage *
cs_editor_get_review_page (CsEditor *self)
{
  return self->review_page;
}

GtkWidget *
cs_editor_get_back_button (CsEditor *self)
{
  return self->back_button;
}

GtkWidget *
cs_editor_get_next_button (CsEditor *self)
{
  return self->next_button;
}

GtkWidget *
cs_editor_get_save_button (CsEditor *self)
{
  return self->save_button;
}

const char *
cs_editor_get_status_text (CsEditor *self)
{
  return gtk_label_get_text (self->status_label);
}

gboolean
cs_editor_get_loading (CsEditor *self)
{
  return self->loading;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
cs_editor_dispose (GObject *object)
{
  CsEditor *self = CS_EDITOR (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (cs_editor_parent_class)->dispose (object);
}

static void
cs_editor_finalize (GObject *object)
{
  CsEditor *self = CS_EDITOR (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cs_editor_parent_class)->finalize (object);
}

static void
cs_editor_class_init (CsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cs_editor_dispose;
  object_class->finalize = cs_editor_finalize;
  window_class->close_request = cs_editor_close_request;

  g_type_ensure (CS_TYPE_GENERAL_PAGE);
  g_type_ensure (CS_TYPE_KEY_PAIR_PAGE);
  g_type_ensure (CS_TYPE_CSR_PAGE);
  g_type_ensure (CS_TYPE_UPLOAD_PAGE);
  g_type_ensure (CS_TYPE_REVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CsEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, notebook);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, general_page);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, key_pair_page);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, csr_page);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, upload_page);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, review_page);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, general_tab);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, key_pair_tab);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, csr_tab);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, upload_tab);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, review_tab);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, forward_stack);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, next_button);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CsEditor, status_label);

  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "editor.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.show-page", "i", show_page_action);
  gtk_widget_class_install_action (widget_class, "editor.toast", "s", toast_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_install_action (widget_class, "editor.next-tab", NULL, next_tab_action);
  gtk_widget_class_install_action (widget_class, "editor.previous-tab", NULL, previous_tab_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "editor.next-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "editor.previous-tab", NULL);
}

static void
cs_editor_init (CsEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->pending_page = CS_EDITOR_PAGE_KEY_PAIR;
  gtk_stack_set_visible_child_name (self->main_stack, "content");
  cs_review_page_set_general (self->review_page, self->general_page);

  g_signal_connect (self->notebook, "switch-page", G_CALLBACK (switch_page_cb), self);
  g_signal_connect_object (self->notebook, "notify::page", G_CALLBACK (page_switched_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->general_page, "notify::valid", G_CALLBACK (update_navigation),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->key_pair_page, "notify::busy", G_CALLBACK (update_navigation),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->csr_page, "notify::busy", G_CALLBACK (update_navigation),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->upload_page, "notify::busy", G_CALLBACK (update_navigation),
                           self, G_CONNECT_SWAPPED);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
