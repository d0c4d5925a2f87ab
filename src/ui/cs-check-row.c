/* cs-check-row.c — one row of the report on an uploaded certificate
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-check-row.h"

struct _CsCheckRow
{
  GtkListBoxRow  parent_instance;

  CsCheck       *check;

  /* Template widgets */
  GtkImage      *icon;
  GtkLabel      *title;
  GtkLabel      *message;
  GtkExpander   *expander;
  GtkLabel      *details;
};

G_DEFINE_FINAL_TYPE (CsCheckRow, cs_check_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_CHECK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
cs_check_row_new (CsCheck *check)
{
  g_return_val_if_fail (CS_IS_CHECK (check), NULL);

  return g_object_new (CS_TYPE_CHECK_ROW, "check", check, NULL);
}

CsCheck *
cs_check_row_get_check (CsCheckRow *self)
{
  g_return_val_if_fail (CS_IS_CHECK_ROW (self), NULL);
  return self->check;
}

const char *
cs_check_row_get_icon_name (CsCheckRow *self)
{
  g_return_val_if_fail (CS_IS_CHECK_ROW (self), NULL);
  return gtk_image_get_icon_name (self->icon);
}

const char *
cs_check_row_get_message (CsCheckRow *self)
{
  g_return_val_if_fail (CS_IS_CHECK_ROW (self), NULL);
  return gtk_label_get_text (self->message);
}

static void
show_level (CsCheckRow   *self,
            CsCheckLevel  level)
{
  static const char *icons[] = { "emblem-ok-symbolic", "dialog-warning-symbolic", "dialog-error-symbolic" };
  static const char *classes[] = { "success", "warning", "error" };
  const char *label = cs_check_level_get_label (level);

  g_return_if_fail ((guint) level < G_N_ELEMENTS (icons));

  gtk_image_set_from_icon_name (self->icon, icons[level]);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), classes[level]);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->icon), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
show_check (CsCheckRow *self)
{
  const char * const *details = cs_check_get_details (self->check);
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  show_level (self, cs_check_get_level (self->check));
  gtk_label_set_text (self->title, cs_check_get_title (self->check));
  gtk_label_set_text (self->message, cs_check_get_message (self->check));

  if (details != NULL && details[0] != NULL)
    {
      text = g_strjoinv ("\n", (char **) details);
      gtk_label_set_text (self->details, text);
      gtk_widget_set_visible (GTK_WIDGET (self->expander), TRUE);
    }

  /* A screen reader reads the row as "Key: Passed. The certificate …". */
  accessible = g_strdup_printf ("%s: %s", cs_check_get_title (self->check),
                                cs_check_level_get_label (cs_check_get_level (self->check)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, cs_check_get_message (self->check),
                                  -1);
}

static void
cs_check_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CsCheckRow *self = CS_CHECK_ROW (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      g_value_set_object (value, self->check);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_check_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CsCheckRow *self = CS_CHECK_ROW (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      self->check = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_check_row_constructed (GObject *object)
{
  CsCheckRow *self = CS_CHECK_ROW (object);

  G_OBJECT_CLASS (cs_check_row_parent_class)->constructed (object);

  g_return_if_fail (self->check != NULL);
  show_check (self);
}

static void
cs_check_row_dispose (GObject *object)
{
  CsCheckRow *self = CS_CHECK_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_CHECK_ROW);
  g_clear_object (&self->check);

  G_OBJECT_CLASS (cs_check_row_parent_class)->dispose (object);
}

static void
cs_check_row_class_init (CsCheckRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cs_check_row_get_property;
  object_class->set_property = cs_check_row_set_property;
  object_class->constructed = cs_check_row_constructed;
  object_class->dispose = cs_check_row_dispose;

  properties[PROP_CHECK] =
    g_param_spec_object ("check", NULL, NULL, CS_TYPE_CHECK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-check-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CsCheckRow, icon);
  gtk_widget_class_bind_template_child (widget_class, CsCheckRow, title);
  gtk_widget_class_bind_template_child (widget_class, CsCheckRow, message);
  gtk_widget_class_bind_template_child (widget_class, CsCheckRow, expander);
  gtk_widget_class_bind_template_child (widget_class, CsCheckRow, details);
}

static void
cs_check_row_init (CsCheckRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
