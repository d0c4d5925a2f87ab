/* test-faults-ui.c — the main window while another process holds the database
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process (this test, re-run with --lock-child) holds BEGIN EXCLUSIVE
 * on the window's database. The window's actions then fail after the busy
 * timeout (shortened with the store's test hook): the window says why in a
 * dialog, and neither the records nor the database change. Once the lock is
 * released, the same actions go through.
 */

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "cs-store.h"
#include "cs-store-private.h"
#include "cs-window.h"
#include "cs-test-pki.h"
#include "cs-test-store.h"
#include "cs-test-ui.h"

static const char *self_exe;

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @cond holds; fails the test after 30 s. */
#define WAIT_FOR(cond) G_STMT_START {                                       \
    guint tick_ = g_timeout_add (10, tick_cb, NULL);                        \
    gint64 end_ = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;            \
    while (!(cond))                                                         \
      {                                                                     \
        if (g_get_monotonic_time () > end_)                                 \
          g_error ("timed out waiting for: %s", #cond);                     \
        g_main_context_iteration (NULL, TRUE);                              \
      }                                                                     \
    g_source_remove (tick_);                                                \
  } G_STMT_END

/* --- The lock ------------------------------------------------------------- */

/* The child: holds an exclusive transaction until its stdin closes. */
static int
lock_child (const char *path)
{
  sqlite3 *db = NULL;
  char buffer[16];

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "lock child: %s\n", sqlite3_errmsg (db));
      return 1;
    }
  printf ("locked\n");
  fflush (stdout);
  while (fread (buffer, 1, sizeof buffer, stdin) > 0)
    ;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}

static GSubprocess *
lock_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_exe, "--lock-child", path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");
  return child;
}

static void
unlock_database (GSubprocess *child)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (g_subprocess_get_stdin_pipe (child), NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (child, NULL, &error);
  g_assert_no_error (error);
}

/* --- The window ----------------------------------------------------------- */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static CsWindow *
window_new (CsStore *store)
{
  g_autoptr(CsApplication) app = cs_test_ui_app_new ();
  CsWindow *window = cs_window_new (app, store);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  cs_test_ui_wait_until (is_mapped, window, 5000);
  return window;
}

static AdwMessageDialog *
find_dialog (CsWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* The error dialog that an action brought up: its heading, and a body that
 * names the cause and the database. Closed as a person does. */
static void
expect_error_dialog (CsWindow   *window,
                     const char *heading,
                     const char *path)
{
  AdwMessageDialog *dialog = NULL;
  GtkWidget *button;
  const char *body;

  WAIT_FOR ((dialog = find_dialog (window)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  body = adw_message_dialog_get_body (dialog);
  if (strstr (body, "in use by another program") == NULL || strstr (body, path) == NULL)
    g_error ("the dialog does not say that the store is locked: %s", body);
  cs_test_ui_save_png (GTK_WIDGET (dialog), "faults-locked-dialog.png");

  button = cs_test_ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Close");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  WAIT_FOR (find_dialog (window) == NULL);
}

static void
activate_on (CsWindow   *window,
             const char *action,
             CsRecord   *record)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, "x",
                                             cs_record_get_id (record)));
}

static char *
read_bundle_chain (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "ca-chain.pem", NULL);

  return cs_test_pki_read (path);
}

/* The flags that the actions change, for every record of @store. */
static char *
describe (CsStore *store)
{
  GListModel *records = cs_store_get_records (store);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(CsRecord) r = g_list_model_get_item (records, i);

      g_string_append_printf (s, "%s enabled=%d default=%d active=%d/%d\n",
                              cs_record_get_name (r), cs_record_get_enabled (r),
                              cs_record_get_default_certificate (r),
                              cs_record_get_active_enabled (r), cs_record_get_active_default (r));
    }
  g_string_append_printf (s, "pending=%u\n", cs_store_get_n_pending_changes (store));
  return g_string_free (s, FALSE);
}

/* What another process reads from the database. */
static char *
describe_file (const char *path)
{
  g_autoptr(CsStore) store = cs_test_store_open (path);

  return describe (store);
}

typedef struct
{
  char     *path;
  char     *deploy_dir;
  CsStore  *store;
  CsRecord *alpha;     /* ready, the default, activated */
  CsRecord *bravo;     /* ready, enabled, activated */
  CsRecord *charlie;   /* ready, disabled */
} Fixture;

static void
fixture_init (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;

  f->path = cs_test_pki_path ("locked/chainsmith.db");
  f->deploy_dir = cs_test_pki_path ("locked-deploy");
  g_settings_set_string (settings, "deploy-folder", f->deploy_dir);

  f->store = cs_test_store_open (f->path);
  f->alpha = cs_test_store_add_default (f->store, "Alpha");
  f->bravo = cs_test_store_add (f->store, "Bravo");
  cs_test_store_make_ready (f->store, f->bravo);
  f->charlie = cs_test_store_add (f->store, "Charlie");
  cs_test_store_make_ready (f->store, f->charlie);
  cs_store_set_enabled_sync (f->store, f->charlie, FALSE, NULL, &error);
  g_assert_no_error (error);
  cs_store_activate_sync (f->store, f->deploy_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cs_store_get_n_pending_changes (f->store), ==, 0);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->alpha);
  g_clear_object (&f->bravo);
  g_clear_object (&f->charlie);
  g_clear_object (&f->store);
  g_free (f->path);
  g_free (f->deploy_dir);
}

/* make-default and enable, refused while locked, then done. */
static void
check_row_actions (Fixture  *f,
                   CsWindow *window)
{
  g_autofree char *before = describe (f->store);
  g_autofree char *on_disk = describe_file (f->path);
  g_autofree char *after = NULL;
  g_autofree char *after_on_disk = NULL;
  g_autofree char *unlocked = NULL;
  g_autoptr(GSubprocess) lock = lock_database (f->path);

  activate_on (window, "win.make-default", f->bravo);
  expect_error_dialog (window, "Could Not Change the Default", f->path);
  activate_on (window, "win.enable", f->charlie);
  expect_error_dialog (window, "Could Not Change the Status", f->path);

  after = describe (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (cs_store_get_default_record (f->store) == f->alpha);
  g_assert_false (cs_record_get_enabled (f->charlie));
  unlock_database (lock);
  after_on_disk = describe_file (f->path);
  g_assert_cmpstr (after_on_disk, ==, on_disk);

  activate_on (window, "win.make-default", f->bravo);
  WAIT_FOR (cs_store_get_default_record (f->store) == f->bravo);
  activate_on (window, "win.enable", f->charlie);
  WAIT_FOR (cs_record_get_enabled (f->charlie));
  cs_test_ui_flush ();
  g_assert_null (find_dialog (window));
  unlocked = describe_file (f->path);
  g_assert_nonnull (strstr (unlocked, "Bravo enabled=1 default=1"));
  g_assert_nonnull (strstr (unlocked, "Charlie enabled=1 default=0"));
}

/* Activation, refused while locked: the bundle and the pending changes stay;
 * then done. */
static void
check_activation (Fixture  *f,
                  CsWindow *window)
{
  g_autofree char *chain_before = read_bundle_chain (f->deploy_dir);
  g_autofree char *chain_after = NULL;
  g_autofree char *chain_activated = NULL;
  g_autoptr(GSubprocess) lock = NULL;
  g_autoptr(CsRecordDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  guint pending = cs_store_get_n_pending_changes (f->store);

  g_assert_cmpuint (pending, >, 0);
  lock = lock_database (f->path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.activate-changes", NULL));
  expect_error_dialog (window, "Could Not Activate", f->path);
  unlock_database (lock);

  chain_after = read_bundle_chain (f->deploy_dir);
  g_assert_cmpstr (chain_after, ==, chain_before);
  g_assert_cmpuint (cs_store_get_n_pending_changes (f->store), ==, pending);
  g_assert_true (cs_store_get_active_default_record (f->store) == f->alpha);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.activate-changes", NULL));
  WAIT_FOR (cs_store_get_n_pending_changes (f->store) == 0);
  g_assert_true (cs_store_get_active_default_record (f->store) == f->bravo);
  chain_activated = read_bundle_chain (f->deploy_dir);
  details = cs_store_load_details_sync (f->store, f->bravo, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (chain_activated,
                                   cs_record_details_get_certificate_pem (details)));
}

static void
test_locked (void)
{
  Fixture f = { NULL, };
  CsWindow *window;

  /* The store's connections wait this long for a lock before giving up. */
  cs_schema_set_busy_timeout (250);
  fixture_init (&f);
  window = window_new (f.store);

  check_row_actions (&f, window);
  check_activation (&f, window);

  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_ui_flush ();
  fixture_clear (&f);
  cs_schema_set_busy_timeout (3000);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--lock-child"))
    return lock_child (argv[2]);

  self_exe = argv[0];
  if (!cs_test_ui_init (&argc, &argv))
    {
      cs_test_ui_add_skip ("/faults-ui/no-display");
      return g_test_run ();
    }

  g_test_add_func ("/faults-ui/locked", test_locked);

  return g_test_run ();
}
