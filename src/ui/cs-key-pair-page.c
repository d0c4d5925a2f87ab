/* cs-key-pair-page.c — the Generate Key Pair tab of the editor
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-editor-private.h"
#include "cs-key-pair-page.h"

struct _CsKeyPairPage
{
  AdwPreferencesPage    parent_instance;
  gboolean              disposed;

  CsStore              *store;
  CsRecord             *record;
  GSettings            *settings;
  GCancellable         *generation;   /* set while a key is generated */
  GCancellable         *cancellable;  /* file writes; cancelled on dispose */
  guint                 n_writes;

  /* Template widgets */
  AdwComboRow          *key_type_row;
  GtkStack             *action_stack;
  GtkButton            *generate_button;
  GtkSpinner           *spinner;
  GtkLabel             *progress_label;
  GtkButton            *cancel_button;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *public_group;
  AdwActionRow         *fingerprint_row;
  AdwActionRow         *time_row;
  GtkTextView          *public_key_view;
};

G_DEFINE_FINAL_TYPE (CsKeyPairPage, cs_key_pair_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_GENERATING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
cs_key_pair_page_get_generating (CsKeyPairPage *self)
{
  g_return_val_if_fail (CS_IS_KEY_PAIR_PAGE (self), FALSE);
  return self->generation != NULL;
}

gboolean
cs_key_pair_page_get_busy (CsKeyPairPage *self)
{
  g_return_val_if_fail (CS_IS_KEY_PAIR_PAGE (self), FALSE);
  return self->generation != NULL || self->n_writes > 0;
}

static void
notify_busy (CsKeyPairPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_actions (CsKeyPairPage *self)
{
  gboolean has_key = self->record != NULL && cs_record_get_has_key (self->record);
  gboolean ready = self->record != NULL &&
                   cs_record_get_current_state (self->record) == CS_RECORD_STATE_CERT_READY;

  gtk_widget_set_sensitive (GTK_WIDGET (self->key_type_row),
                            self->record != NULL && !ready && self->generation == NULL);
  gtk_button_set_label (self->generate_button,
                        has_key ? _("_Regenerate Key Pair") : _("_Generate Key Pair"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_button), self->record != NULL);
  /* Without a key, generating one is what this tab is for. */
  if (has_key)
    gtk_widget_remove_css_class (GTK_WIDGET (self->generate_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->generate_button), "suggested-action");

  if (self->generation != NULL)
    gtk_stack_set_visible_child_name (self->action_stack, "busy");
  else if (ready)
    gtk_stack_set_visible_child_name (self->action_stack, "fixed");
  else
    gtk_stack_set_visible_child_name (self->action_stack, "idle");
  gtk_spinner_set_spinning (self->spinner, self->generation != NULL);
}

static void
update_public_key (CsKeyPairPage *self)
{
  CsRecord *record = self->record;
  gboolean has_key = record != NULL && cs_record_get_has_key (record);
  g_autofree char *time = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->public_group), has_key);
  if (!has_key)
    {
      cs_editor_set_text_view (self->public_key_view, "");
      return;
    }

  time = cs_editor_format_time (cs_record_get_key_generation_time (record));
  adw_action_row_set_subtitle (self->fingerprint_row, cs_record_get_key_fingerprint (record));
  adw_action_row_set_subtitle (self->time_row, time);
  cs_editor_set_text_view (self->public_key_view, cs_record_get_public_key (record));
}

/* The combo row shows the record's key type, or the preferred one. */
static void
select_key_type (CsKeyPairPage *self)
{
  CsKeyType type;

  if (self->record != NULL && cs_record_get_has_key (self->record))
    type = cs_record_get_key_type (self->record);
  else
    type = g_settings_get_enum (self->settings, "default-key-type");

  if ((guint) type >= CS_N_KEY_TYPES)
    type = CS_KEY_TYPE_DEFAULT;
  adw_combo_row_set_selected (self->key_type_row, type);
}

static void
record_notify_cb (CsKeyPairPage *self,
                  GParamSpec    *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "has-key") || g_str_equal (name, "key-type"))
    select_key_type (self);
  update_public_key (self);
  update_actions (self);
}

void
cs_key_pair_page_set_store (CsKeyPairPage *self,
                            CsStore       *store)
{
  g_return_if_fail (CS_IS_KEY_PAIR_PAGE (self));
  g_return_if_fail (CS_IS_STORE (store));

  g_set_object (&self->store, store);
}

void
cs_key_pair_page_set_record (CsKeyPairPage *self,
                             CsRecord      *record)
{
  g_return_if_fail (CS_IS_KEY_PAIR_PAGE (self));
  g_return_if_fail (record == NULL || CS_IS_RECORD (record));

  if (!cs_editor_follow_record (self, &self->record, record, G_CALLBACK (record_notify_cb)))
    return;

  select_key_type (self);
  update_public_key (self);
  update_actions (self);
}

static CsKeyType
selected_key_type (CsKeyPairPage *self)
{
  guint selected = adw_combo_row_get_selected (self->key_type_row);

  return selected < CS_N_KEY_TYPES ? (CsKeyType) selected : CS_KEY_TYPE_DEFAULT;
}

static void
show_error (CsKeyPairPage *self,
            const char    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
generated_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CsKeyPairPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The widget went away while the operation ran: nothing to show. */
  if (self->disposed)
    return;

  cs_store_generate_key_pair_finish (CS_STORE (source), result, &error);
  g_clear_object (&self->generation);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATING]);
  notify_busy (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    cs_editor_show_toast (GTK_WIDGET (self), _("Key generation cancelled: nothing was changed"));
  else if (error != NULL)
    show_error (self, error->message);
  else
    cs_editor_show_toast (GTK_WIDGET (self), _("Key pair generated and saved"));
}

static void
start_generation (CsKeyPairPage *self,
                  gboolean       discard)
{
  CsKeyType type = selected_key_type (self);
  g_autofree char *progress = NULL;

  g_return_if_fail (self->generation == NULL);

  /* Translators: %s is a key type such as "RSA 4096" or "ECDSA P-256". */
  progress = g_strdup_printf (_("Generating an %s key…"), cs_key_type_get_label (type));
  gtk_label_set_text (self->progress_label, progress);
  show_error (self, NULL);

  self->generation = g_cancellable_new ();
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATING]);
  notify_busy (self);

  cs_store_generate_key_pair_async (self->store, self->record, type, discard,
                                    self->generation, generated_cb, g_object_ref (self));
}

static void
regenerate_confirmed_cb (gpointer data)
{
  CsKeyPairPage *self = data;

  if (self->generation == NULL && self->record != NULL)
    start_generation (self, TRUE);
}

static void
generate_clicked_cb (CsKeyPairPage *self)
{
  g_autofree char *body = NULL;

  if (self->record == NULL || self->generation != NULL)
    return;

  if (!cs_record_get_key_regeneration_discards (self->record))
    {
      start_generation (self, FALSE);
      return;
    }

  body = g_strdup_printf (_("The CSR of “%s”, and the certificate signed from it, belong to the current key. A new key pair discards them: the CA must sign a new CSR."),
                          cs_record_get_name (self->record));
  cs_editor_confirm (GTK_WIDGET (self), _("Regenerate the Key Pair?"), body,
                     _("_Regenerate"), regenerate_confirmed_cb, self);
}

void
cs_key_pair_page_cancel (CsKeyPairPage *self)
{
  g_return_if_fail (CS_IS_KEY_PAIR_PAGE (self));

  if (self->generation != NULL)
    g_cancellable_cancel (self->generation);
}

static void
cancel_clicked_cb (CsKeyPairPage *self)
{
  cs_key_pair_page_cancel (self);
}

static void
copy_clicked_cb (CsKeyPairPage *self)
{
  if (self->record != NULL && cs_record_get_public_key (self->record) != NULL)
    cs_editor_copy_text (GTK_WIDGET (self), cs_record_get_public_key (self->record),
                         _("Public key copied"));
}

static void
copy_fingerprint_clicked_cb (CsKeyPairPage *self)
{
  if (self->record != NULL && cs_record_get_key_fingerprint (self->record) != NULL)
    cs_editor_copy_text (GTK_WIDGET (self), cs_record_get_key_fingerprint (self->record),
                         _("Fingerprint copied"));
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CsKeyPairPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *toast = NULL;

  /* The widget went away while the operation ran: nothing to show. */
  if (self->disposed)
    return;

  self->n_writes--;
  notify_busy (self);

  if (!cs_editor_write_file_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cs_editor_show_error (GTK_WIDGET (self), _("Could Not Save the Public Key"), error);
      return;
    }

  cs_editor_remember_folder ("last-download-folder", G_FILE (source));
  toast = g_strdup_printf (_("Public key saved as “%s”"), name);
  cs_editor_show_toast (GTK_WIDGET (self), toast);
}

void
cs_key_pair_page_save_public_key (CsKeyPairPage *self,
                                  GFile         *file)
{
  g_return_if_fail (CS_IS_KEY_PAIR_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->record != NULL && cs_record_get_public_key (self->record) != NULL);

  self->n_writes++;
  notify_busy (self);
  cs_editor_write_file_async (cs_record_get_public_key (self->record), file, self->cancellable,
                              saved_cb, g_object_ref (self));
}

static void
save_public_key_cb (gpointer  data,
                    GFile    *file)
{
  cs_key_pair_page_save_public_key (data, file);
}

static void
download_clicked_cb (CsKeyPairPage *self)
{
  g_autofree char *name = NULL;

  if (self->record == NULL || !cs_record_get_has_key (self->record))
    return;

  name = cs_editor_file_name_for (cs_record_get_name (self->record), "-public-key.pem");
  cs_editor_choose_file (GTK_WIDGET (self), _("Download Public Key"),
                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), name, FALSE,
                         save_public_key_cb, self);
}

AdwComboRow *
cs_key_pair_page_get_key_type_row (CsKeyPairPage *self)
{
  return self->key_type_row;
}

GtkButton *
cs_key_pair_page_get_generate_button (CsKeyPairPage *self)
{
  return self->generate_button;
}

GtkButton *
cs_key_pair_page_get_cancel_button (CsKeyPairPage *self)
{
  return self->cancel_button;
}

GtkTextView *
cs_key_pair_page_get_public_key_view (CsKeyPairPage *self)
{
  return self->public_key_view;
}

const char *
cs_key_pair_page_get_fingerprint_text (CsKeyPairPage *self)
{
  return adw_action_row_get_subtitle (self->fingerprint_row);
}

const char *
cs_key_pair_page_get_progress_text (CsKeyPairPage *self)
{
  return gtk_label_get_text (self->progress_label);
}

static void
fill_key_types (CsKeyPairPage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < CS_N_KEY_TYPES; i++)
    gtk_string_list_append (model, cs_key_type_get_label (i));
  adw_combo_row_set_model (self->key_type_row, G_LIST_MODEL (model));
}

static void
cs_key_pair_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CsKeyPairPage *self = CS_KEY_PAIR_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, cs_key_pair_page_get_busy (self));
      break;
    case PROP_GENERATING:
      g_value_set_boolean (value, cs_key_pair_page_get_generating (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_key_pair_page_dispose (GObject *object)
{
  CsKeyPairPage *self = CS_KEY_PAIR_PAGE (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->generation != NULL)
    g_cancellable_cancel (self->generation);
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_KEY_PAIR_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cs_key_pair_page_parent_class)->dispose (object);
}

static void
cs_key_pair_page_finalize (GObject *object)
{
  CsKeyPairPage *self = CS_KEY_PAIR_PAGE (object);

  g_clear_object (&self->generation);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cs_key_pair_page_parent_class)->finalize (object);
}

static void
cs_key_pair_page_class_init (CsKeyPairPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cs_key_pair_page_get_property;
  object_class->dispose = cs_key_pair_page_dispose;
  object_class->finalize = cs_key_pair_page_finalize;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GENERATING] =
    g_param_spec_boolean ("generating", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-key-pair-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsKeyPairPage, key_type_row);
  gtk_widget_class_bind_template_child (widget_class, CsKeyPairPage, action_stack);
  gtk_widget_class_bind_template_child (widget_class, CsKeyPairPage, generate_button);
  gtk_widget_class_bind_template_child (widget_class, CsKeyPairPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsKeyPairPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CsKeyPairPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CsKeyPairPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CsKeyPairPage, public_group);
  gtk_widget_class_bind_template_child (widget_class, CsKeyPairPage, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, CsKeyPairPage, time_row);
  gtk_widget_class_bind_template_child (widget_class, CsKeyPairPage, public_key_view);
  gtk_widget_class_bind_template_callback (widget_class, generate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_fingerprint_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, download_clicked_cb);
}

static void
cs_key_pair_page_init (CsKeyPairPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  fill_key_types (self);
  select_key_type (self);
  update_actions (self);
}
