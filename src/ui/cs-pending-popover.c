/* cs-pending-popover.c — the pending changes and the Activate button
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-pending-popover.h"

struct _CsPendingPopover
{
  GtkPopover  parent_instance;

  CsStore    *store;

  /* Template widgets */
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (CsPendingPopover, cs_pending_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
cs_pending_popover_new (void)
{
  return g_object_new (CS_TYPE_PENDING_POPOVER, NULL);
}

static GtkWidget *
change_row_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

/* A store of thousands of enabled records can have thousands of changes:
 * the popover lists the first ones and counts the others. */
#define MAX_ROWS 50

static void
refresh (CsPendingPopover *self)
{
  const char * const *changes = NULL;
  g_autofree char *more = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  if (self->store != NULL)
    changes = cs_store_get_pending_changes (self->store);
  n = changes != NULL ? g_strv_length ((char **) changes) : 0;
  for (guint i = 0; i < MIN (n, MAX_ROWS); i++)
    gtk_list_box_append (self->list_box, change_row_new (changes[i]));

  if (n <= MAX_ROWS)
    return;
  more = g_strdup_printf (ngettext ("… and %u more change", "… and %u more changes", n - MAX_ROWS),
                          n - MAX_ROWS);
  child = change_row_new (more);
  gtk_widget_add_css_class (child, "dim-label");
  gtk_list_box_append (self->list_box, child);
}

CsStore *
cs_pending_popover_get_store (CsPendingPopover *self)
{
  g_return_val_if_fail (CS_IS_PENDING_POPOVER (self), NULL);

  return self->store;
}

void
cs_pending_popover_set_store (CsPendingPopover *self,
                              CsStore          *store)
{
  g_return_if_fail (CS_IS_PENDING_POPOVER (self));
  g_return_if_fail (store == NULL || CS_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, refresh, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "notify::pending-changes", G_CALLBACK (refresh), self,
                             G_CONNECT_SWAPPED);

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

char **
cs_pending_popover_dup_lines (CsPendingPopover *self)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();

  g_return_val_if_fail (CS_IS_PENDING_POPOVER (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      g_strv_builder_add (lines, gtk_label_get_text (GTK_LABEL (label)));
    }

  return g_strv_builder_end (lines);
}

static void
activate_clicked_cb (CsPendingPopover *self)
{
  /* The button's action does the work; the popover gets out of the way. */
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
cs_pending_popover_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CsPendingPopover *self = CS_PENDING_POPOVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_pending_popover_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CsPendingPopover *self = CS_PENDING_POPOVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      cs_pending_popover_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_pending_popover_dispose (GObject *object)
{
  CsPendingPopover *self = CS_PENDING_POPOVER (object);

  cs_pending_popover_set_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_PENDING_POPOVER);

  G_OBJECT_CLASS (cs_pending_popover_parent_class)->dispose (object);
}

static void
cs_pending_popover_class_init (CsPendingPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cs_pending_popover_get_property;
  object_class->set_property = cs_pending_popover_set_property;
  object_class->dispose = cs_pending_popover_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-pending-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, CsPendingPopover, list_box);
  gtk_widget_class_bind_template_callback (widget_class, activate_clicked_cb);
}

static void
cs_pending_popover_init (CsPendingPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
