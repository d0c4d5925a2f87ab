/* cs-history-window.c — the events of the store, newest first
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-history-window.h"

struct _CsHistoryWindow
{
  AdwWindow      parent_instance;

  CsStore       *store;
  GListModel    *events;
  GCancellable  *cancellable;

  /* Template widgets */
  GtkStack      *stack;
  GtkListView   *list_view;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (CsHistoryWindow, cs_history_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_EVENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CsHistoryWindow *
cs_history_window_new (GtkWindow *parent,
                       CsStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CS_IS_STORE (store), NULL);

  return g_object_new (CS_TYPE_HISTORY_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

CsStore *
cs_history_window_get_store (CsHistoryWindow *self)
{
  g_return_val_if_fail (CS_IS_HISTORY_WINDOW (self), NULL);

  return self->store;
}

GListModel *
cs_history_window_get_events (CsHistoryWindow *self)
{
  g_return_val_if_fail (CS_IS_HISTORY_WINDOW (self), NULL);

  return self->events;
}

static void
set_events (CsHistoryWindow *self,
            GListModel      *events)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (!g_set_object (&self->events, events))
    return;

  selection = gtk_no_selection_new (events != NULL ? g_object_ref (events) : NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENTS]);
}

static void
load_history_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CsHistoryWindow) self = user_data;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;

  events = cs_store_load_history_finish (CS_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (events == NULL)
    {
      escaped = g_markup_escape_text (error->message, -1);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  set_events (self, events);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (events) > 0 ? "list" : "empty");
}

void
cs_history_window_reload (CsHistoryWindow *self)
{
  g_return_if_fail (CS_IS_HISTORY_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->events == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  cs_store_load_history_async (self->store, self->cancellable, load_history_cb,
                               g_object_ref (self));
}

/* --- The rows' closures (cs-history-row.ui) ----------------------------- */

static char *
format_time (GtkListItem *item,
             GDateTime   *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;

  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%c");
}

static gboolean
has_detail (GtkListItem *item,
            const char  *detail)
{
  return detail != NULL && *detail != '\0';
}

static GStrv
detail_classes (GtkListItem *item,
                const char  *detail)
{
  /* Old certificates and chains are PEM: monospace keeps them readable. */
  if (detail != NULL && g_str_has_prefix (detail, "-----BEGIN"))
    return g_strdupv ((char *[]) { (char *) "monospace", NULL });
  return g_strdupv ((char *[]) { NULL });
}

static GtkListItemFactory *
row_factory_new (void)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "format_time", G_CALLBACK (format_time),
                                           "has_detail", G_CALLBACK (has_detail),
                                           "detail_classes", G_CALLBACK (detail_classes),
                                           NULL);
  return gtk_builder_list_item_factory_new_from_resource (scope,
                                                          "/io/github/chainsmith/Chainsmith/cs-history-row.ui");
}

/* --- GObject ----------------------------------------------------------- */

static void
cs_history_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CsHistoryWindow *self = CS_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_EVENTS:
      g_value_set_object (value, self->events);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_history_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CsHistoryWindow *self = CS_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_history_window_constructed (GObject *object)
{
  CsHistoryWindow *self = CS_HISTORY_WINDOW (object);

  G_OBJECT_CLASS (cs_history_window_parent_class)->constructed (object);

  g_assert (CS_IS_STORE (self->store));
  cs_history_window_reload (self);
}

static void
cs_history_window_dispose (GObject *object)
{
  CsHistoryWindow *self = CS_HISTORY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_HISTORY_WINDOW);
  g_clear_object (&self->events);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cs_history_window_parent_class)->dispose (object);
}

static void
cs_history_window_class_init (CsHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cs_history_window_get_property;
  object_class->set_property = cs_history_window_set_property;
  object_class->constructed = cs_history_window_constructed;
  object_class->dispose = cs_history_window_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENTS] =
    g_param_spec_object ("events", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, CsHistoryWindow, error_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
cs_history_window_init (CsHistoryWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = row_factory_new ();
  gtk_list_view_set_factory (self->list_view, factory);
}
