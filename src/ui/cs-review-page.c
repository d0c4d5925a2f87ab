/* cs-review-page.c — the Review tab of the editor
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-editor-private.h"
#include "cs-review-page.h"

struct _CsReviewPage
{
  AdwPreferencesPage  parent_instance;

  CsGeneralPage      *general;
  CsRecord           *record;
  gboolean            make_default;

  /* Template widgets */
  AdwActionRow       *name_row;
  AdwActionRow       *type_row;
  AdwActionRow       *region_row;
  AdwActionRow       *status_row;
  AdwActionRow       *description_row;
  AdwActionRow       *key_type_row;
  AdwActionRow       *fingerprint_row;
  AdwActionRow       *key_time_row;
  AdwActionRow       *csr_file_row;
  AdwActionRow       *subject_row;
  AdwActionRow       *digest_row;
  AdwActionRow       *path_length_row;
  AdwActionRow       *csr_time_row;
  AdwActionRow       *certificate_row;
  AdwActionRow       *start_row;
  AdwActionRow       *expiry_row;
  AdwActionRow       *chain_row;
  AdwActionRow       *default_row;
  GtkSwitch          *default_switch;
  GtkLabel           *save_label;
};

G_DEFINE_FINAL_TYPE (CsReviewPage, cs_review_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_MAKE_DEFAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static CsRecordState
record_state (CsReviewPage *self)
{
  return self->record != NULL ? cs_record_get_current_state (self->record)
                              : CS_RECORD_STATE_GENERAL_DONE;
}

static void
set_value (AdwActionRow *row,
           const char   *value,
           const char   *unset)
{
  gboolean is_set = value != NULL && *value != '\0';

  adw_action_row_set_subtitle (row, is_set ? value : unset);
}

static void
set_time (AdwActionRow *row,
          GDateTime    *time,
          const char   *unset)
{
  g_autofree char *text = time != NULL ? cs_editor_format_time (time) : NULL;

  set_value (row, text, unset);
}

static void
update_general (CsReviewPage *self)
{
  if (self->general == NULL)
    return;

  set_value (self->name_row, cs_general_page_get_name (self->general), _("No name yet"));
  set_value (self->type_row, _("Software Protection"), NULL);
  set_value (self->region_row, _("Global"), NULL);
  set_value (self->status_row,
             cs_general_page_get_enabled (self->general) ? _("Enabled") : _("Disabled"), NULL);
  set_value (self->description_row, cs_general_page_get_description (self->general), _("None"));
}

static void
update_key_pair (CsReviewPage *self)
{
  CsRecord *record = self->record;
  gboolean has_key = record != NULL && cs_record_get_has_key (record);
  const char *none = _("Not generated yet");

  set_value (self->key_type_row, has_key ? cs_key_type_get_label (cs_record_get_key_type (record)) : NULL, none);
  set_value (self->fingerprint_row, has_key ? cs_record_get_key_fingerprint (record) : NULL, none);
  set_time (self->key_time_row, has_key ? cs_record_get_key_generation_time (record) : NULL, none);
}

static void
update_request (CsReviewPage *self)
{
  CsRecord *record = self->record;
  gboolean has_csr = record_state (self) >= CS_RECORD_STATE_CSRGEN_DONE;
  const char *none = _("Not generated yet");
  g_autoptr(CsSubject) subject = has_csr ? cs_record_dup_subject (record) : NULL;
  g_autofree char *subject_text = subject != NULL ? cs_subject_to_string (subject) : NULL;
  g_autofree char *file = has_csr ? cs_editor_file_name_for (cs_record_get_csr_file_name (record), ".csr") : NULL;
  g_autofree char *path_length = has_csr ? g_strdup_printf ("%d", cs_record_get_path_length_constraint (record)) : NULL;

  set_value (self->csr_file_row, file, none);
  set_value (self->subject_row, subject_text, none);
  set_value (self->digest_row, has_csr ? cs_digest_get_label (cs_record_get_signature_algorithm (record)) : NULL, none);
  set_value (self->path_length_row, path_length, none);
  set_time (self->csr_time_row, has_csr ? cs_record_get_csr_generation_time (record) : NULL, none);
}

static void
update_certificate (CsReviewPage *self)
{
  CsRecord *record = self->record;
  gboolean has_certificate = record_state (self) >= CS_RECORD_STATE_INTCERT_UPLOAD_DONE;
  gboolean has_chain = record != NULL && (cs_record_get_has_chain (record) || cs_record_get_has_root (record));
  const char *none = _("Not uploaded yet");

  set_value (self->certificate_row, has_certificate ? cs_record_get_uploaded_cert_file_name (record) : NULL, none);
  set_time (self->start_row, has_certificate ? cs_record_get_cert_start_date (record) : NULL, none);
  set_time (self->expiry_row, has_certificate ? cs_record_get_cert_exp_date (record) : NULL, none);
  set_value (self->chain_row, has_chain ? cs_record_get_uploaded_chain_file_name (record) : NULL,
             _("None: the chain is optional"));
}

static const char *
default_explanation (CsReviewPage *self,
                     gboolean      enabled)
{
  if (self->record != NULL && cs_record_get_default_certificate (self->record))
    return _("This is the default certificate. To change the default, make another certificate the default.");
  if (record_state (self) < CS_RECORD_STATE_INTCERT_UPLOAD_DONE)
    return _("Only a ready certificate can be the default: upload the signed certificate first.");
  if (!enabled)
    return _("A disabled certificate cannot be the default: enable it on the General tab.");
  return _("The inspection proxy signs with the default certificate once the changes are activated in the main window.");
}

static const char *
save_explanation (CsReviewPage *self)
{
  CsRecordState state = record_state (self);

  if (state == CS_RECORD_STATE_CERT_READY)
    return _("Save keeps the changes. A new default or status reaches the inspection proxy when the changes are activated in the main window.");
  if (state >= CS_RECORD_STATE_INTCERT_UPLOAD_DONE)
    return _("Save finalizes the certificate: it becomes ready, and its key pair and CSR no longer change. It reaches the inspection proxy when the changes are activated in the main window.");
  return _("Save keeps the certificate as a draft: open it from the list to go on where you left off.");
}

static void
update_default (CsReviewPage *self)
{
  gboolean enabled = self->general != NULL && cs_general_page_get_enabled (self->general);
  gboolean is_default = self->record != NULL && cs_record_get_default_certificate (self->record);
  gboolean possible = enabled && !is_default && record_state (self) >= CS_RECORD_STATE_INTCERT_UPLOAD_DONE;

  if (is_default)
    gtk_switch_set_active (self->default_switch, TRUE);
  else if (!possible)
    gtk_switch_set_active (self->default_switch, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->default_switch), possible);
  adw_action_row_set_subtitle (self->default_row, default_explanation (self, enabled));
  gtk_label_set_text (self->save_label, save_explanation (self));
}

static void
update_all (CsReviewPage *self)
{
  update_general (self);
  update_key_pair (self);
  update_request (self);
  update_certificate (self);
  update_default (self);
}

static void
default_changed_cb (CsReviewPage *self)
{
  gboolean make_default = gtk_switch_get_active (self->default_switch) &&
                          self->record != NULL &&
                          !cs_record_get_default_certificate (self->record);

  if (make_default == self->make_default)
    return;
  self->make_default = make_default;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAKE_DEFAULT]);
}

void
cs_review_page_set_general (CsReviewPage  *self,
                            CsGeneralPage *general)
{
  g_return_if_fail (CS_IS_REVIEW_PAGE (self));
  g_return_if_fail (CS_IS_GENERAL_PAGE (general));

  g_set_object (&self->general, general);
  g_signal_connect_object (general, "notify", G_CALLBACK (update_all), self, G_CONNECT_SWAPPED);
  update_all (self);
}

void
cs_review_page_set_record (CsReviewPage *self,
                           CsRecord     *record)
{
  g_return_if_fail (CS_IS_REVIEW_PAGE (self));
  g_return_if_fail (record == NULL || CS_IS_RECORD (record));

  if (!cs_editor_follow_record (self, &self->record, record, G_CALLBACK (update_all)))
    return;

  gtk_switch_set_active (self->default_switch, record != NULL && cs_record_get_default_certificate (record));
  update_all (self);
}

gboolean
cs_review_page_get_make_default (CsReviewPage *self)
{
  g_return_val_if_fail (CS_IS_REVIEW_PAGE (self), FALSE);
  return self->make_default;
}

GtkSwitch *
cs_review_page_get_default_switch (CsReviewPage *self)
{
  return self->default_switch;
}

const char *
cs_review_page_get_default_text (CsReviewPage *self)
{
  return adw_action_row_get_subtitle (self->default_row);
}

static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *row = find_row (child, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

/* The value shown in the row titled @title, or NULL if there is none. */
const char *
cs_review_page_get_value (CsReviewPage *self,
                          const char   *title)
{
  AdwActionRow *row = find_row (GTK_WIDGET (self), title);

  return row != NULL ? adw_action_row_get_subtitle (row) : NULL;
}

static void
cs_review_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsReviewPage *self = CS_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_MAKE_DEFAULT:
      g_value_set_boolean (value, self->make_default);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_review_page_dispose (GObject *object)
{
  CsReviewPage *self = CS_REVIEW_PAGE (object);

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  if (self->general != NULL)
    g_signal_handlers_disconnect_by_data (self->general, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_REVIEW_PAGE);
  g_clear_object (&self->record);
  g_clear_object (&self->general);

  G_OBJECT_CLASS (cs_review_page_parent_class)->dispose (object);
}

static void
cs_review_page_class_init (CsReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cs_review_page_get_property;
  object_class->dispose = cs_review_page_dispose;

  properties[PROP_MAKE_DEFAULT] =
    g_param_spec_boolean ("make-default", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, type_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, region_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, description_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, key_type_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, key_time_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, csr_file_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, digest_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, path_length_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, csr_time_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, start_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, chain_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, default_row);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, default_switch);
  gtk_widget_class_bind_template_child (widget_class, CsReviewPage, save_label);
  gtk_widget_class_bind_template_callback (widget_class, default_changed_cb);
}

static void
cs_review_page_init (CsReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_all (self);
}
