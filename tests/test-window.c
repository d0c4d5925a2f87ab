/* test-window.c — the main window
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-application.h"
#include "cs-window.h"
#include "cs-test-ui.h"

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_window_title_and_empty_state (void)
{
  g_autoptr(CsApplication) app = cs_test_ui_app_new ();
  CsWindow *window;
  GtkWidget *status;
  GtkStack *stack;

  window = cs_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  cs_test_ui_wait_until (is_mapped, window, 5000);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Chainsmith");

  status = cs_test_ui_find (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "No Intermediate CA Certificates");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "inspection proxy"));

  stack = GTK_STACK (gtk_widget_get_parent (status));
  g_assert_true (gtk_stack_get_visible_child (stack) == status);

  cs_test_ui_save_png (GTK_WIDGET (window), "window-empty.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_size_is_kept (void)
{
  g_autoptr(CsApplication) app = cs_test_ui_app_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CsWindow *window;
  int width, height;

  g_settings_set (settings, "window-size", "(ii)", 900, 640);

  window = cs_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  gtk_window_present (GTK_WINDOW (window));
  cs_test_ui_wait_until (is_mapped, window, 5000);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_close (GTK_WINDOW (window));

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 720);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_test_ui_init (&argc, &argv))
    {
      cs_test_ui_add_skip ("/window/no-display");
      return g_test_run ();
    }

  g_test_add_func ("/window/title-and-empty-state", test_window_title_and_empty_state);
  g_test_add_func ("/window/size-is-kept", test_window_size_is_kept);

  return g_test_run ();
}
