/* cs-record-cell.c — one cell of the certificate list
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-record-cell.h"

struct _CsRecordCell
{
  GtkWidget       parent_instance;

  CsRecordColumn  column;
  CsRecord       *record;
  CsExpiry        expiry;

  /* Template widgets */
  GtkWidget      *box;
  GtkImage       *icon;
  GtkLabel       *label;
  GtkLabel       *tag;
  GtkLabel       *subtitle;
};

G_DEFINE_FINAL_TYPE (CsRecordCell, cs_record_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLUMN,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The text shown where a record has no value yet (a draft has no dates). */
#define CS_NO_VALUE "—"

GtkWidget *
cs_record_cell_new (CsRecordColumn column)
{
  g_return_val_if_fail (column < CS_N_RECORD_COLUMNS, NULL);

  return g_object_new (CS_TYPE_RECORD_CELL, "column", column, NULL);
}

static void
set_text (CsRecordCell *self,
          const char   *text)
{
  gboolean empty = text == NULL || *text == '\0';

  gtk_label_set_text (self->label, empty ? CS_NO_VALUE : text);
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "dim-label");
}

static void
set_tag (CsRecordCell *self,
         const char   *text,
         const char   *css_class,
         const char   *description)
{
  gtk_widget_set_visible (GTK_WIDGET (self->tag), text != NULL);
  if (text == NULL)
    return;

  gtk_label_set_text (self->tag, text);
  gtk_widget_set_css_classes (GTK_WIDGET (self->tag), (const char *[]) { css_class, NULL });
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tag),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
refresh_name (CsRecordCell *self)
{
  CsRecord *record = self->record;

  set_text (self, cs_record_get_name (record));
  gtk_label_set_text (self->subtitle, cs_record_get_state_label (record));
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), TRUE);

  if (cs_record_get_default_certificate (record))
    set_tag (self, _("Default"), "default-tag",
             cs_record_get_active_default (record)
               ? _("The default certificate, used by the inspection proxy")
               : _("The default certificate once the pending changes are activated"));
  else if (cs_record_get_active_default (record))
    set_tag (self, _("Active"), "active-tag",
             _("Still the inspection proxy’s certificate until the pending changes are activated"));
  else
    set_tag (self, NULL, NULL, NULL);
}

static void
set_expiry (CsRecordCell *self,
            CsExpiry      expiry,
            int           days_left)
{
  g_autofree char *text = cs_record_dup_expiry_text (expiry, days_left);
  GtkWidget *label = GTK_WIDGET (self->label);

  self->expiry = expiry;
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->icon), text != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text ? text : "",
                                  -1);
  if (text == NULL)
    return;

  gtk_image_set_from_icon_name (self->icon, expiry == CS_EXPIRY_EXPIRED
                                              ? "dialog-error-symbolic"
                                              : "dialog-warning-symbolic");
  gtk_widget_add_css_class (label, expiry == CS_EXPIRY_EXPIRED ? "error" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), expiry == CS_EXPIRY_EXPIRED ? "error" : "warning");
}

static void
refresh_expiration (CsRecordCell *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = cs_record_column_dup_text (self->column, self->record);
  CsExpiry expiry;
  int days_left;

  set_text (self, text);
  expiry = cs_record_get_expiry (self->record, now, &days_left);
  set_expiry (self, expiry, days_left);
}

static void
refresh (CsRecordCell *self)
{
  g_autofree char *text = NULL;

  if (self->record == NULL)
    return;

  switch (self->column)
    {
    case CS_RECORD_COLUMN_NAME:
      refresh_name (self);
      break;
    case CS_RECORD_COLUMN_EXPIRATION_DATE:
      refresh_expiration (self);
      break;
    case CS_RECORD_COLUMN_DESCRIPTION:
      text = cs_record_column_dup_text (self->column, self->record);
      set_text (self, text);
      /* The description is often ellipsized: the tooltip shows it whole. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), *text != '\0' ? text : NULL);
      break;
    case CS_RECORD_COLUMN_PROTECTION_TYPE:
    case CS_RECORD_COLUMN_REGION:
    case CS_RECORD_COLUMN_STATUS:
    case CS_RECORD_COLUMN_START_DATE:
    default:
      text = cs_record_column_dup_text (self->column, self->record);
      set_text (self, text);
      break;
    }
}

static void
record_notify_cb (CsRecordCell *self)
{
  refresh (self);
}

CsRecordColumn
cs_record_cell_get_column (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), 0);

  return self->column;
}

CsRecord *
cs_record_cell_get_record (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), NULL);

  return self->record;
}

void
cs_record_cell_set_record (CsRecordCell *self,
                           CsRecord     *record)
{
  g_return_if_fail (CS_IS_RECORD_CELL (self));
  g_return_if_fail (record == NULL || CS_IS_RECORD (record));

  if (self->record == record)
    return;

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_func (self->record, record_notify_cb, self);
  g_set_object (&self->record, record);
  if (record != NULL)
    g_signal_connect_object (record, "notify", G_CALLBACK (record_notify_cb), self,
                             G_CONNECT_SWAPPED);

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

const char *
cs_record_cell_get_text (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), NULL);

  return gtk_label_get_text (self->label);
}

const char *
cs_record_cell_get_tag (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->tag)))
    return NULL;
  return gtk_label_get_text (self->tag);
}

const char *
cs_record_cell_get_subtitle (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->subtitle)))
    return NULL;
  return gtk_label_get_text (self->subtitle);
}

CsExpiry
cs_record_cell_get_expiry (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), CS_EXPIRY_NONE);

  return self->expiry;
}

static void
cs_record_cell_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsRecordCell *self = CS_RECORD_CELL (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      g_value_set_uint (value, self->column);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_record_cell_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CsRecordCell *self = CS_RECORD_CELL (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      self->column = g_value_get_uint (value);
      break;
    case PROP_RECORD:
      cs_record_cell_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_record_cell_dispose (GObject *object)
{
  CsRecordCell *self = CS_RECORD_CELL (object);

  cs_record_cell_set_record (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_RECORD_CELL);

  G_OBJECT_CLASS (cs_record_cell_parent_class)->dispose (object);
}

static void
cs_record_cell_class_init (CsRecordCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = cs_record_cell_get_property;
  object_class->set_property = cs_record_cell_set_property;
  object_class->dispose = cs_record_cell_dispose;

  properties[PROP_COLUMN] =
    g_param_spec_uint ("column", NULL, NULL, 0, CS_N_RECORD_COLUMNS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CS_TYPE_RECORD, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-record-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, CsRecordCell, box);
  gtk_widget_class_bind_template_child (widget_class, CsRecordCell, icon);
  gtk_widget_class_bind_template_child (widget_class, CsRecordCell, label);
  gtk_widget_class_bind_template_child (widget_class, CsRecordCell, tag);
  gtk_widget_class_bind_template_child (widget_class, CsRecordCell, subtitle);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cs_record_cell_init (CsRecordCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
