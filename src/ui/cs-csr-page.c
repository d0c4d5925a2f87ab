/* cs-csr-page.c — the Generate CSR tab of the editor
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-country.h"
#include "cs-csr.h"
#include "cs-editor-private.h"
#include "cs-signing.h"
#include "cs-csr-page.h"

/* The form's rows: the CSR File Name, then one per CsSubjectField. */
#define N_ROWS (CS_N_SUBJECT_FIELDS + 1)
#define ROW_FOR_FIELD(field) ((field) + 1)

/* The store's limit on the CSR File Name (cs-store-ops.c). */
#define MAX_FILE_NAME_LENGTH 100

typedef struct
{
  AdwEntryRow       *entry;
  AdwPreferencesRow *message_row;
  GtkLabel          *message;
  char              *error;
  gboolean           touched;
} FormRow;

struct _CsCsrPage
{
  AdwPreferencesPage   parent_instance;
  gboolean             disposed;

  CsStore             *store;
  CsRecord            *record;
  CsRecordDetails     *details;
  GCancellable        *cancellable;
  gint64               shown_csr_time;   /* of the request the form was filled from */
  guint                n_busy;
  gboolean             generating;

  FormRow              rows[N_ROWS];
  GtkLabel            *country_name;

  /* Template widgets */
  AdwPreferencesGroup *subject_group;
  AdwActionRow        *key_size_row;
  AdwComboRow         *digest_row;
  AdwComboRow         *path_length_row;
  GtkLabel            *hint_label;
  GtkSpinner          *spinner;
  GtkButton           *generate_button;
  GtkButton           *download_button;
  GtkLabel            *error_label;
  AdwPreferencesGroup *decoded_group;
  GtkTextView         *decoded_view;
  AdwPreferencesGroup *instructions_group;
  GtkTextView         *instructions_view;
};

G_DEFINE_FINAL_TYPE (CsCsrPage, cs_csr_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
cs_csr_page_get_busy (CsCsrPage *self)
{
  g_return_val_if_fail (CS_IS_CSR_PAGE (self), FALSE);
  return self->n_busy > 0;
}

static void
busy_changed (CsCsrPage *self,
              int        delta)
{
  gboolean was_busy = self->n_busy > 0;

  self->n_busy += delta;
  if (was_busy != (self->n_busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
is_ready (CsCsrPage *self)
{
  return self->record != NULL &&
         cs_record_get_current_state (self->record) == CS_RECORD_STATE_CERT_READY;
}

static gboolean
has_csr (CsCsrPage *self)
{
  return self->record != NULL &&
         cs_record_get_current_state (self->record) >= CS_RECORD_STATE_CSRGEN_DONE;
}

static const char *
row_text (CsCsrPage *self,
          guint      row)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->rows[row].entry));
}

/* The CSR File Name as the store will take it; see csr_file_name() there. */
static char *
validate_file_name (const char *text)
{
  g_autofree char *name = g_strstrip (g_strdup (text));
  gboolean control = FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    control |= g_unichar_iscntrl (g_utf8_get_char (p));

  if (strchr (name, '/') != NULL || control || g_utf8_strlen (name, -1) > MAX_FILE_NAME_LENGTH)
    return g_strdup_printf (_("The CSR file name must be a file name, without “/”, of at most %d characters."),
                            MAX_FILE_NAME_LENGTH);
  return NULL;
}

static char *
validate_row (CsCsrPage *self,
              guint      row)
{
  g_autoptr(GError) error = NULL;

  if (row == 0)
    return validate_file_name (row_text (self, row));
  if (!cs_subject_field_validate (row - 1, row_text (self, row), &error))
    return g_strdup (error->message);
  return NULL;
}

static void
update_country_name (CsCsrPage *self)
{
  const char *name = cs_country_get_name (row_text (self, ROW_FOR_FIELD (CS_SUBJECT_COUNTRY)));

  gtk_label_set_text (self->country_name, name != NULL ? name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->country_name), name != NULL);
}

/* "To generate the CSR, fill in or correct: Common Name (CN), Country". */
static char *
dup_invalid_fields (CsCsrPage *self)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < N_ROWS; i++)
    {
      if (self->rows[i].error == NULL)
        continue;
      if (str->len > 0)
        g_string_append (str, _(", "));
      g_string_append (str, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->rows[i].entry)));
    }
  return str->len > 0 ? g_strdup (str->str) : NULL;
}

static void
update_actions (CsCsrPage *self)
{
  g_autofree char *invalid = dup_invalid_fields (self);
  gboolean ready = is_ready (self);
  gboolean can_generate = self->record != NULL && cs_record_get_has_key (self->record) &&
                          !ready && invalid == NULL && !self->generating;
  g_autofree char *hint = NULL;

  if (ready)
    hint = g_strdup (_("The request of a ready certificate no longer changes."));
  else if (invalid != NULL)
    hint = g_strdup_printf (_("To generate the CSR, fill in or correct: %s."), invalid);
  else if (has_csr (self))
    hint = g_strdup (_("A new CSR replaces the saved one; the CA must then sign the new one."));
  else
    hint = g_strdup (_("The CSR is saved with the certificate as soon as it is generated."));

  gtk_label_set_text (self->hint_label, hint);
  gtk_widget_set_visible (GTK_WIDGET (self->generate_button), !ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_button), can_generate);
  /* Without a CSR, generating one is what this tab is for. */
  if (has_csr (self))
    gtk_widget_remove_css_class (GTK_WIDGET (self->generate_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->generate_button), "suggested-action");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->generate_button), invalid != NULL ? hint : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->download_button),
                            self->details != NULL && cs_record_details_get_csr_pem (self->details) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->generating);
  gtk_spinner_set_spinning (self->spinner, self->generating);
}

static void
validate_all (CsCsrPage *self)
{
  for (guint i = 0; i < N_ROWS; i++)
    {
      FormRow *row = &self->rows[i];

      g_free (row->error);
      row->error = validate_row (self, i);
      cs_editor_set_row_error (GTK_WIDGET (row->entry), GTK_WIDGET (row->message_row), row->message,
                               row->touched ? row->error : NULL);
    }
  update_country_name (self);
  update_actions (self);
}

static void
entry_changed_cb (GtkEditable *entry,
                  CsCsrPage   *self)
{
  for (guint i = 0; i < N_ROWS; i++)
    if (GTK_EDITABLE (self->rows[i].entry) == entry)
      self->rows[i].touched = TRUE;
  validate_all (self);
}

static void
set_row_text (CsCsrPage  *self,
              guint       row,
              const char *text)
{
  g_signal_handlers_block_by_func (self->rows[row].entry, entry_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->rows[row].entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->rows[row].entry, entry_changed_cb, self);
  self->rows[row].touched = FALSE;
}

/* Fills the form from the saved request, or with the defaults. */
static void
fill_form (CsCsrPage *self)
{
  CsRecord *record = self->record;
  g_autoptr(CsSubject) subject = NULL;
  gboolean saved = has_csr (self);

  subject = saved ? cs_record_dup_subject (record) : cs_subject_new ();
  set_row_text (self, 0, saved ? cs_record_get_csr_file_name (record)
                               : record != NULL ? cs_record_get_name (record) : "");
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    set_row_text (self, ROW_FOR_FIELD (i), cs_subject_get (subject, i));

  adw_combo_row_set_selected (self->digest_row,
                              saved ? cs_record_get_signature_algorithm (record) : CS_DIGEST_DEFAULT);
  adw_combo_row_set_selected (self->path_length_row,
                              saved && cs_record_get_path_length_constraint (record) == 0 ? 0 : 1);
  self->shown_csr_time = saved && cs_record_get_csr_generation_time (record) != NULL
                         ? g_date_time_to_unix (cs_record_get_csr_generation_time (record)) : 0;
  validate_all (self);
}

static void
update_read_only (CsCsrPage *self)
{
  gboolean editable = self->record != NULL && cs_record_get_has_key (self->record) && !is_ready (self);

  for (guint i = 0; i < N_ROWS; i++)
    gtk_editable_set_editable (GTK_EDITABLE (self->rows[i].entry), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->digest_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->path_length_row), editable);
}

static void
update_key_size (CsCsrPage *self)
{
  g_autofree char *text = NULL;

  if (self->record != NULL && cs_record_get_has_key (self->record))
    /* Translators: "2048 bits (RSA 2048)" */
    text = g_strdup_printf (_("%u bits (%s)"), cs_record_get_key_size (self->record),
                            cs_key_type_get_label (cs_record_get_key_type (self->record)));
  else
    text = g_strdup (_("No key pair yet"));
  adw_action_row_set_subtitle (self->key_size_row, text);
}

static void
update_request_views (CsCsrPage *self)
{
  const char *pem = self->details != NULL ? cs_record_details_get_csr_pem (self->details) : NULL;
  g_autoptr(CsCsrInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *instructions = NULL;

  if (pem != NULL && has_csr (self))
    info = cs_csr_info_new_from_pem (pem, -1, &error);
  if (info != NULL)
    {
      decoded = cs_csr_info_to_text (info);
      instructions = cs_signing_get_instructions (cs_record_get_csr_file_name (self->record),
                                                  cs_record_get_signature_algorithm (self->record),
                                                  MAX (cs_record_get_path_length_constraint (self->record), 0));
    }
  else if (error != NULL)
    decoded = g_strdup (error->message);

  cs_editor_set_text_view (self->decoded_view, decoded != NULL ? decoded : "");
  cs_editor_set_text_view (self->instructions_view, instructions != NULL ? instructions : "");
  gtk_widget_set_visible (GTK_WIDGET (self->decoded_group), decoded != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->instructions_group), instructions != NULL);
  update_actions (self);
}

static void
details_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CsCsrPage) self = user_data;
  g_autoptr(CsRecordDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  /* The widget went away while the operation ran: nothing to show. */
  if (self->disposed)
    return;

  busy_changed (self, -1);
  details = cs_store_load_details_finish (CS_STORE (source), result, &error);
  if (details == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cs_editor_show_error (GTK_WIDGET (self), _("Could Not Read the Certificate Request"), error);
      return;
    }
  if (self->record == NULL || cs_record_details_get_id (details) != cs_record_get_id (self->record))
    return;

  g_set_object (&self->details, details);
  update_request_views (self);
}

static void
reload_details (CsCsrPage *self)
{
  busy_changed (self, +1);
  cs_store_load_details_async (self->store, self->record, self->cancellable,
                               details_loaded_cb, g_object_ref (self));
}

static gint64
record_csr_time (CsCsrPage *self)
{
  GDateTime *time = has_csr (self) ? cs_record_get_csr_generation_time (self->record) : NULL;

  return time != NULL ? g_date_time_to_unix (time) : 0;
}

static void
record_notify_cb (CsCsrPage  *self,
                  GParamSpec *pspec)
{
  /* A new request (or none, after a new key pair): show it and its fields. */
  if (record_csr_time (self) != self->shown_csr_time)
    {
      fill_form (self);
      if (has_csr (self))
        reload_details (self);
      else
        g_clear_object (&self->details);
      update_request_views (self);
    }
  update_key_size (self);
  update_read_only (self);
  update_actions (self);
}

void
cs_csr_page_set_store (CsCsrPage *self,
                       CsStore   *store)
{
  g_return_if_fail (CS_IS_CSR_PAGE (self));
  g_return_if_fail (CS_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * cs_csr_page_set_record:
 * @details: (nullable): the record's blobs, as loaded when the editor opened
 */
void
cs_csr_page_set_record (CsCsrPage       *self,
                        CsRecord        *record,
                        CsRecordDetails *details)
{
  g_return_if_fail (CS_IS_CSR_PAGE (self));
  g_return_if_fail (record == NULL || CS_IS_RECORD (record));

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  g_set_object (&self->record, record);
  g_set_object (&self->details, details);
  if (record != NULL)
    g_signal_connect_object (record, "notify", G_CALLBACK (record_notify_cb), self, G_CONNECT_SWAPPED);

  fill_form (self);
  update_key_size (self);
  update_read_only (self);
  update_request_views (self);
}

static CsSubject *
dup_form_subject (CsCsrPage *self)
{
  CsSubject *subject = cs_subject_new ();

  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    cs_subject_set (subject, i, row_text (self, ROW_FOR_FIELD (i)));
  return subject;
}

static void
show_error (CsCsrPage  *self,
            const char *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
generated_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CsCsrPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The widget went away while the operation ran: nothing to show. */
  if (self->disposed)
    return;

  self->generating = FALSE;
  busy_changed (self, -1);
  if (!cs_store_generate_csr_finish (CS_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      update_actions (self);
      return;
    }

  /* Two requests made within a second carry the same time: read it again. */
  reload_details (self);
  update_actions (self);
  cs_editor_show_toast (GTK_WIDGET (self), _("CSR generated and saved"));
}

static void
start_generation (CsCsrPage *self,
                  gboolean   discard)
{
  g_autoptr(CsSubject) subject = dup_form_subject (self);
  g_autofree char *file_name = g_strstrip (g_strdup (row_text (self, 0)));

  show_error (self, NULL);
  self->generating = TRUE;
  busy_changed (self, +1);
  update_actions (self);

  cs_store_generate_csr_async (self->store, self->record, subject,
                               adw_combo_row_get_selected (self->digest_row),
                               adw_combo_row_get_selected (self->path_length_row),
                               file_name, discard, self->cancellable,
                               generated_cb, g_object_ref (self));
}

static void
regenerate_confirmed_cb (gpointer data)
{
  CsCsrPage *self = data;

  if (!self->generating && self->record != NULL)
    start_generation (self, TRUE);
}

static void
generate_clicked_cb (CsCsrPage *self)
{
  g_autofree char *body = NULL;

  if (self->record == NULL || self->generating)
    return;

  /* Every field's message shows now, touched or not. */
  for (guint i = 0; i < N_ROWS; i++)
    self->rows[i].touched = TRUE;
  validate_all (self);
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->generate_button)))
    return;

  if (!cs_record_get_csr_regeneration_discards (self->record))
    {
      start_generation (self, FALSE);
      return;
    }

  body = g_strdup_printf (_("The certificate uploaded for “%s” was signed from the current CSR. A new CSR discards it and its chain: the CA must sign the new CSR."),
                          cs_record_get_name (self->record));
  cs_editor_confirm (GTK_WIDGET (self), _("Generate a New CSR?"), body,
                     _("_Generate New CSR"), regenerate_confirmed_cb, self);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CsCsrPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *toast = NULL;

  /* The widget went away while the operation ran: nothing to show. */
  if (self->disposed)
    return;

  busy_changed (self, -1);
  if (!cs_editor_write_file_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cs_editor_show_error (GTK_WIDGET (self), _("Could Not Save the CSR"), error);
      return;
    }

  cs_editor_remember_folder ("last-download-folder", G_FILE (source));
  toast = g_strdup_printf (_("CSR saved as “%s”"), name);
  cs_editor_show_toast (GTK_WIDGET (self), toast);
}

void
cs_csr_page_save_csr (CsCsrPage *self,
                      GFile     *file)
{
  g_return_if_fail (CS_IS_CSR_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->details != NULL && cs_record_details_get_csr_pem (self->details) != NULL);

  busy_changed (self, +1);
  cs_editor_write_file_async (cs_record_details_get_csr_pem (self->details), file,
                              self->cancellable, saved_cb, g_object_ref (self));
}

static void
save_csr_cb (gpointer  data,
             GFile    *file)
{
  cs_csr_page_save_csr (data, file);
}

static void
download_clicked_cb (CsCsrPage *self)
{
  g_autofree char *name = NULL;

  if (self->details == NULL || cs_record_details_get_csr_pem (self->details) == NULL)
    return;

  name = cs_editor_file_name_for (cs_record_get_csr_file_name (self->record), ".csr");
  cs_editor_choose_file (GTK_WIDGET (self), _("Save the CSR for a Custom Certificate"),
                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), name, FALSE,
                         save_csr_cb, self);
}

static void
copy_decoded_clicked_cb (CsCsrPage *self)
{
  g_autofree char *text = cs_editor_dup_text_view (self->decoded_view);

  cs_editor_copy_text (GTK_WIDGET (self), text, _("Decoded request copied"));
}

static void
copy_instructions_clicked_cb (CsCsrPage *self)
{
  g_autofree char *text = cs_editor_dup_text_view (self->instructions_view);

  cs_editor_copy_text (GTK_WIDGET (self), text, _("Signing instructions copied"));
}

static void
add_form_row (CsCsrPage  *self,
              guint       row,
              const char *title)
{
  FormRow *form_row = &self->rows[row];

  form_row->entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form_row->entry), title);
  g_signal_connect (form_row->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  adw_preferences_group_add (self->subject_group, GTK_WIDGET (form_row->entry));

  form_row->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form_row->message, TRUE);
  gtk_label_set_wrap_mode (form_row->message, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (form_row->message, 0);
  g_object_set (form_row->message, "margin-start", 12, "margin-end", 12,
                "margin-top", 8, "margin-bottom", 8, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (form_row->message), "error");
  gtk_widget_add_css_class (GTK_WIDGET (form_row->message), "caption");

  form_row->message_row = ADW_PREFERENCES_ROW (adw_preferences_row_new ());
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (form_row->message_row), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (form_row->message_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (form_row->message_row), GTK_WIDGET (form_row->message));
  gtk_widget_set_visible (GTK_WIDGET (form_row->message_row), FALSE);
  adw_preferences_group_add (self->subject_group, GTK_WIDGET (form_row->message_row));
}

static void
build_form (CsCsrPage *self)
{
  GtkWidget *extension;

  add_form_row (self, 0, _("CSR File Name"));
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    add_form_row (self, ROW_FOR_FIELD (i), cs_subject_field_get_label (i));

  /* The file gets ".csr" added; the country's name shows beside its code. */
  extension = gtk_label_new (".csr");
  gtk_widget_add_css_class (extension, "dim-label");
  adw_entry_row_add_suffix (self->rows[0].entry, extension);
  self->country_name = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->country_name), "dim-label");
  adw_entry_row_add_suffix (self->rows[ROW_FOR_FIELD (CS_SUBJECT_COUNTRY)].entry,
                            GTK_WIDGET (self->country_name));
  adw_entry_row_set_input_hints (self->rows[ROW_FOR_FIELD (CS_SUBJECT_COUNTRY)].entry,
                                 GTK_INPUT_HINT_UPPERCASE_CHARS | GTK_INPUT_HINT_NO_SPELLCHECK);
}

static void
fill_combos (CsCsrPage *self)
{
  g_autoptr(GtkStringList) digests = gtk_string_list_new (NULL);
  const char *lengths[] = { "0", "1", NULL };
  g_autoptr(GtkStringList) path_lengths = gtk_string_list_new (lengths);

  for (guint i = 0; i < CS_N_DIGESTS; i++)
    gtk_string_list_append (digests, cs_digest_get_label (i));
  adw_combo_row_set_model (self->digest_row, G_LIST_MODEL (digests));
  adw_combo_row_set_model (self->path_length_row, G_LIST_MODEL (path_lengths));
  adw_combo_row_set_selected (self->path_length_row, 1);
}

GtkEditable *
cs_csr_page_get_entry (CsCsrPage *self,
                       int        field)
{
  g_return_val_if_fail (field >= -1 && field < CS_N_SUBJECT_FIELDS, NULL);
  return GTK_EDITABLE (self->rows[field + 1].entry);
}

const char *
cs_csr_page_get_shown_error (CsCsrPage *self,
                             int        field)
{
  FormRow *row;

  g_return_val_if_fail (field >= -1 && field < CS_N_SUBJECT_FIELDS, NULL);
  row = &self->rows[field + 1];
  if (!gtk_widget_get_visible (GTK_WIDGET (row->message_row)))
    return NULL;
  return gtk_label_get_text (row->message);
}

const char *
cs_csr_page_get_country_name (CsCsrPage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->country_name))
         ? gtk_label_get_text (self->country_name) : NULL;
}

AdwComboRow *
cs_csr_page_get_digest_row (CsCsrPage *self)
{
  return self->digest_row;
}

AdwComboRow *
cs_csr_page_get_path_length_row (CsCsrPage *self)
{
  return self->path_length_row;
}

const char *
cs_csr_page_get_key_size_text (CsCsrPage *self)
{
  return adw_action_row_get_subtitle (self->key_size_row);
}

GtkButton *
cs_csr_page_get_generate_button (CsCsrPage *self)
{
  return self->generate_button;
}

GtkButton *
cs_csr_page_get_download_button (CsCsrPage *self)
{
  return self->download_button;
}

GtkTextView *
cs_csr_page_get_decoded_view (CsCsrPage *self)
{
  return self->decoded_view;
}

GtkTextView *
cs_csr_page_get_instructions_view (CsCsrPage *self)
{
  return self->instructions_view;
}

static void
cs_csr_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CsCsrPage *self = CS_CSR_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, cs_csr_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_csr_page_dispose (GObject *object)
{
  CsCsrPage *self = CS_CSR_PAGE (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_CSR_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_object (&self->details);

  G_OBJECT_CLASS (cs_csr_page_parent_class)->dispose (object);
}

static void
cs_csr_page_finalize (GObject *object)
{
  CsCsrPage *self = CS_CSR_PAGE (object);

  for (guint i = 0; i < N_ROWS; i++)
    g_free (self->rows[i].error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cs_csr_page_parent_class)->finalize (object);
}

static void
cs_csr_page_class_init (CsCsrPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cs_csr_page_get_property;
  object_class->dispose = cs_csr_page_dispose;
  object_class->finalize = cs_csr_page_finalize;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-csr-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, subject_group);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, key_size_row);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, digest_row);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, path_length_row);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, generate_button);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, download_button);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, decoded_group);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, decoded_view);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, instructions_group);
  gtk_widget_class_bind_template_child (widget_class, CsCsrPage, instructions_view);
  gtk_widget_class_bind_template_callback (widget_class, generate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, download_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_decoded_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_instructions_clicked_cb);
}

static void
cs_csr_page_init (CsCsrPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  build_form (self);
  fill_combos (self);
  fill_form (self);
  update_key_size (self);
  update_read_only (self);
}
