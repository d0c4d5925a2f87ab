/* cs-application.c
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-application.h"
#include "cs-window.h"

struct _CsApplication
{
  AdwApplication  parent_instance;

  CsStore        *store;
};

G_DEFINE_FINAL_TYPE (CsApplication, cs_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

CsApplication *
cs_application_new (void)
{
  return g_object_new (CS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/chainsmith/Chainsmith",
                       NULL);
}

CsStore *
cs_application_get_store (CsApplication *self)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CS_IS_APPLICATION (self), NULL);

  if (self->store == NULL)
    {
      path = cs_store_dup_default_path ();
      self->store = cs_store_new (path);
    }

  return self->store;
}

void
cs_application_set_store (CsApplication *self,
                          CsStore       *store)
{
  g_return_if_fail (CS_IS_APPLICATION (self));
  g_return_if_fail (store == NULL || CS_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static gint
cs_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
cs_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (cs_window_new (CS_APPLICATION (app), NULL));

  gtk_window_present (window);
}

static void
cs_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  CsApplication *self = user_data;
  static const char *developers[] = { "The Chainsmith authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Chainsmith"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Chainsmith authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Create and manage the intermediate CA certificates that TLS inspection uses"),
                         "website", "https://github.com/chainsmith/chainsmith",
                         "issue-url", "https://github.com/chainsmith/chainsmith/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Chainsmith authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
cs_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  CsApplication *self = user_data;
  GList *windows;

  /* Close the windows rather than quit outright, so that each can save its
   * state and ask about unsaved edits. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { "quit", cs_application_quit_action },
  { "about", cs_application_about_action },
};

static void
cs_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (cs_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  /* What GtkApplication does when it finds gtk/help-overlay.ui; the window
   * builds the shortcuts window itself (cs-window.c). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
}

static void
cs_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsApplication *self = CS_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, cs_application_get_store (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CsApplication *self = CS_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      cs_application_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_application_dispose (GObject *object)
{
  CsApplication *self = CS_APPLICATION (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (cs_application_parent_class)->dispose (object);
}

static void
cs_application_class_init (CsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->get_property = cs_application_get_property;
  object_class->set_property = cs_application_set_property;
  object_class->dispose = cs_application_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->activate = cs_application_activate;
  app_class->startup = cs_application_startup;
  app_class->handle_local_options = cs_application_handle_local_options;
}

static void
cs_application_init (CsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}
