/* cs-general-page.c — the General tab of the editor
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-editor-private.h"
#include "cs-general-page.h"

/* The store's limits (cs-store-ops.c), checked here as the person types. */
#define MAX_NAME_LENGTH        100
#define MAX_DESCRIPTION_LENGTH 1000

struct _CsGeneralPage
{
  AdwPreferencesPage  parent_instance;

  CsStore            *store;
  CsRecord           *record;

  char               *name;
  char               *description;
  char               *error;
  char               *description_error;
  gboolean            enabled;
  gboolean            valid;
  gboolean            modified;
  gboolean            show_errors;
  gboolean            loading;

  /* Template widgets */
  AdwEntryRow        *name_row;
  AdwPreferencesRow  *name_error_row;
  GtkLabel           *name_error_label;
  AdwActionRow       *status_row;
  GtkSwitch          *status_switch;
  GtkTextView        *description_view;
  GtkLabel           *description_error_label;
};

G_DEFINE_FINAL_TYPE (CsGeneralPage, cs_general_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_ENABLED,
  PROP_VALID,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
validate_name (CsGeneralPage *self,
               const char    *name)
{
  CsRecord *other;

  if (*name == '\0')
    return g_strdup (_("A name is required: it identifies the certificate in the list."));
  if (g_utf8_strlen (name, -1) > MAX_NAME_LENGTH)
    return g_strdup_printf (_("The name is too long: at most %d characters."), MAX_NAME_LENGTH);

  other = self->store != NULL ? cs_store_lookup_by_name (self->store, name) : NULL;
  if (other != NULL && other != self->record)
    return g_strdup_printf (_("Another certificate is already named “%s”; choose another name."), name);

  return NULL;
}

static gboolean
compute_modified (CsGeneralPage *self)
{
  if (self->record == NULL)
    return *self->name != '\0' || *self->description != '\0' || !self->enabled;

  return g_strcmp0 (self->name, cs_record_get_name (self->record)) != 0 ||
         g_strcmp0 (self->description, cs_record_get_description (self->record)) != 0 ||
         self->enabled != cs_record_get_enabled (self->record);
}

/* Stores @value in *@field and notifies @prop, only when it changed. */
static void
set_string (CsGeneralPage  *self,
            char          **field,
            char           *value,
            int             prop)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*field);
  *field = value;
  if (prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_boolean (CsGeneralPage *self,
             gboolean      *field,
             gboolean       value,
             int            prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
update_status_row (CsGeneralPage *self)
{
  gboolean locked = self->record != NULL &&
                    cs_record_get_enabled (self->record) &&
                    !cs_record_get_can_disable (self->record);

  gtk_widget_set_sensitive (GTK_WIDGET (self->status_switch), !locked || !self->enabled);
  if (locked && self->enabled)
    adw_action_row_set_subtitle (self->status_row,
                                 _("Enabled. The default certificate cannot be disabled: make another certificate the default first."));
  else
    adw_action_row_set_subtitle (self->status_row, self->enabled ? _("Enabled") : _("Disabled"));
}

static void
update_errors (CsGeneralPage *self)
{
  const char *shown = self->show_errors ? self->error : NULL;

  cs_editor_set_row_error (GTK_WIDGET (self->name_row), GTK_WIDGET (self->name_error_row),
                           self->name_error_label, shown);
  gtk_label_set_text (self->description_error_label,
                      self->description_error != NULL ? self->description_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_error_label),
                          self->description_error != NULL);
}

static char *
dup_description (CsGeneralPage *self)
{
  return cs_editor_dup_text_view (self->description_view);
}

/* Reads the fields, checks them and notifies what changed. */
static void
cs_general_page_update (CsGeneralPage *self)
{
  g_autofree char *name = NULL;
  char *description;
  gboolean description_too_long;

  if (self->loading)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  description = dup_description (self);
  description_too_long = g_utf8_strlen (description, -1) > MAX_DESCRIPTION_LENGTH;

  set_string (self, &self->error, validate_name (self, name), PROP_0);
  set_string (self, &self->description_error,
              description_too_long
                ? g_strdup_printf (_("The description is too long: at most %d characters."),
                                   MAX_DESCRIPTION_LENGTH)
                : NULL,
              PROP_0);
  set_string (self, &self->name, g_steal_pointer (&name), PROP_NAME);
  set_string (self, &self->description, description, PROP_DESCRIPTION);
  set_boolean (self, &self->enabled, gtk_switch_get_active (self->status_switch), PROP_ENABLED);
  set_boolean (self, &self->valid, self->error == NULL && self->description_error == NULL, PROP_VALID);
  set_boolean (self, &self->modified, compute_modified (self), PROP_MODIFIED);

  update_errors (self);
  update_status_row (self);
}

static void
name_changed_cb (CsGeneralPage *self)
{
  /* The name's message shows once the person has typed, not on a new, empty form. */
  self->show_errors = TRUE;
  cs_general_page_update (self);
}

static void
status_changed_cb (CsGeneralPage *self)
{
  cs_general_page_update (self);
}

static void
description_changed_cb (CsGeneralPage *self)
{
  cs_general_page_update (self);
}

static void
record_changed_cb (CsGeneralPage *self)
{
  /* Another record may have taken or freed the name, or this one was saved. */
  cs_general_page_update (self);
}

/**
 * cs_general_page_reset:
 *
 * Fills the fields from the record, or empties them for a new certificate.
 */
void
cs_general_page_reset (CsGeneralPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  CsRecord *record = self->record;

  g_return_if_fail (CS_IS_GENERAL_PAGE (self));

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), record != NULL ? cs_record_get_name (record) : "");
  gtk_text_buffer_set_text (buffer, record != NULL ? cs_record_get_description (record) : "", -1);
  gtk_switch_set_active (self->status_switch, record != NULL ? cs_record_get_enabled (record) : TRUE);
  self->loading = FALSE;
  self->show_errors = record != NULL;

  cs_general_page_update (self);
}

void
cs_general_page_set_store (CsGeneralPage *self,
                           CsStore       *store)
{
  g_return_if_fail (CS_IS_GENERAL_PAGE (self));
  g_return_if_fail (CS_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_connect_object (cs_store_get_records (store), "items-changed",
                           G_CALLBACK (record_changed_cb), self, G_CONNECT_SWAPPED);
  cs_general_page_update (self);
}

/**
 * cs_general_page_set_record:
 *
 * Shows @record. A record that was just created from the form keeps the
 * fields as typed; another one fills them.
 */
void
cs_general_page_set_record (CsGeneralPage *self,
                            CsRecord      *record)
{
  gboolean created_from_form;

  g_return_if_fail (CS_IS_GENERAL_PAGE (self));
  g_return_if_fail (record == NULL || CS_IS_RECORD (record));

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  created_from_form = self->record == NULL && record != NULL &&
                      g_strcmp0 (self->name, cs_record_get_name (record)) == 0;
  if (!g_set_object (&self->record, record))
    return;

  if (record != NULL)
    g_signal_connect_object (record, "notify", G_CALLBACK (record_changed_cb), self, G_CONNECT_SWAPPED);

  if (created_from_form)
    cs_general_page_update (self);
  else
    cs_general_page_reset (self);
}

const char *
cs_general_page_get_name (CsGeneralPage *self)
{
  g_return_val_if_fail (CS_IS_GENERAL_PAGE (self), NULL);
  return self->name;
}

const char *
cs_general_page_get_description (CsGeneralPage *self)
{
  g_return_val_if_fail (CS_IS_GENERAL_PAGE (self), NULL);
  return self->description;
}

gboolean
cs_general_page_get_enabled (CsGeneralPage *self)
{
  g_return_val_if_fail (CS_IS_GENERAL_PAGE (self), FALSE);
  return self->enabled;
}

gboolean
cs_general_page_get_valid (CsGeneralPage *self)
{
  g_return_val_if_fail (CS_IS_GENERAL_PAGE (self), FALSE);
  return self->valid;
}

gboolean
cs_general_page_get_modified (CsGeneralPage *self)
{
  g_return_val_if_fail (CS_IS_GENERAL_PAGE (self), FALSE);
  return self->modified;
}

/* The first problem of the form, or NULL when it is valid. */
const char *
cs_general_page_get_error (CsGeneralPage *self)
{
  g_return_val_if_fail (CS_IS_GENERAL_PAGE (self), NULL);
  return self->error != NULL ? self->error : self->description_error;
}

/* Shows the name's message even before anything was typed (Next was pressed). */
void
cs_general_page_show_errors (CsGeneralPage *self)
{
  g_return_if_fail (CS_IS_GENERAL_PAGE (self));

  self->show_errors = TRUE;
  update_errors (self);
  if (self->error != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

GtkEditable *
cs_general_page_get_name_entry (CsGeneralPage *self)
{
  return GTK_EDITABLE (self->name_row);
}

GtkTextView *
cs_general_page_get_description_view (CsGeneralPage *self)
{
  return self->description_view;
}

GtkSwitch *
cs_general_page_get_status_switch (CsGeneralPage *self)
{
  return self->status_switch;
}

/* The message shown under the name, or NULL when none is shown. */
const char *
cs_general_page_get_shown_error (CsGeneralPage *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->name_error_row)))
    return NULL;
  return gtk_label_get_text (self->name_error_label);
}

static void
cs_general_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsGeneralPage *self = CS_GENERAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_general_page_dispose (GObject *object)
{
  CsGeneralPage *self = CS_GENERAL_PAGE (object);

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_GENERAL_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (cs_general_page_parent_class)->dispose (object);
}

static void
cs_general_page_finalize (GObject *object)
{
  CsGeneralPage *self = CS_GENERAL_PAGE (object);

  g_free (self->name);
  g_free (self->description);
  g_free (self->error);
  g_free (self->description_error);

  G_OBJECT_CLASS (cs_general_page_parent_class)->finalize (object);
}

static void
cs_general_page_class_init (CsGeneralPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cs_general_page_get_property;
  object_class->dispose = cs_general_page_dispose;
  object_class->finalize = cs_general_page_finalize;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-general-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsGeneralPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CsGeneralPage, name_error_row);
  gtk_widget_class_bind_template_child (widget_class, CsGeneralPage, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, CsGeneralPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, CsGeneralPage, status_switch);
  gtk_widget_class_bind_template_child (widget_class, CsGeneralPage, description_view);
  gtk_widget_class_bind_template_child (widget_class, CsGeneralPage, description_error_label);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
}

static void
cs_general_page_init (CsGeneralPage *self)
{
  self->name = g_strdup ("");
  self->description = g_strdup ("");
  self->enabled = TRUE;
  self->loading = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (description_changed_cb), self, G_CONNECT_SWAPPED);
  self->loading = FALSE;
  cs_general_page_update (self);
}
