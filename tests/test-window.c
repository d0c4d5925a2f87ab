/* test-window.c — the main window: the list, its states and its actions
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cs-application.h"
#include "cs-editor.h"
#include "cs-history-window.h"
#include "cs-pending-popover.h"
#include "cs-record-cell.h"
#include "cs-record-list.h"
#include "cs-window.h"
#include "cs-test-pki.h"
#include "cs-test-store.h"
#include "cs-test-ui.h"

/* --- Waiting ------------------------------------------------------------ */

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

/* --- The fixture: a store with records in every state ------------------- */

typedef struct
{
  char     *path;
  char     *deploy_dir;
  CsStore  *store;
  CsRecord *alpha;    /* ready, with a chain, the default, activated */
  CsRecord *bravo;    /* ready, no chain */
  CsRecord *charlie;  /* ready, disabled */
  CsRecord *delta;    /* draft: CSR generated */
  CsRecord *echo;     /* draft: key pair generated */
  CsRecord *foxtrot;  /* draft: general details only, disabled */
  CsRecord *golf;     /* ready, expires in 10 days */
  GDateTime *golf_expires;
} Fixture;

static char *
new_db_path (void)
{
  static guint counter;

  return g_strdup_printf ("%s/window-store-%u/chainsmith.db", cs_test_get_tmp_dir (), ++counter);
}

static CsRecord *
add_record (CsStore    *store,
            const char *name,
            const char *description,
            gboolean    enabled)
{
  g_autoptr(GError) error = NULL;
  CsRecord *record = cs_store_create_record_sync (store, name, description, enabled, NULL, &error);

  g_assert_no_error (error);
  return record;
}

static void
upload_and_finalize (CsStore    *store,
                     CsRecord   *record,
                     const char *cert,
                     gboolean    with_chain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cert_bytes = cs_test_pki_read_bytes (cert);
  g_autoptr(GBytes) chain_bytes = NULL;
  g_autofree char *chain = NULL;

  cs_store_upload_certificate_sync (store, record, cert_bytes, cert, NULL, NULL, &error);
  g_assert_no_error (error);
  if (with_chain)
    {
      chain = cs_test_pki_cat ("issuing.pem", "root.pem", NULL);
      chain_bytes = g_bytes_new (chain, strlen (chain));
      cs_store_upload_chain_sync (store, record, chain_bytes, "chain.pem", NULL, NULL, &error);
      g_assert_no_error (error);
    }
  cs_store_finalize_sync (store, record, NULL, &error);
  g_assert_no_error (error);
}

/* A ready record whose certificate expires in ten days (and an hour). */
static void
make_expiring (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecordDetails) details = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -1);
  g_autofree char *start_text = cs_test_pki_date (start);
  g_autofree char *end_text = NULL;

  fixture->golf_expires = g_date_time_add_seconds (now, 10 * 86400 + 3600);
  end_text = cs_test_pki_date (fixture->golf_expires);
  cs_test_store_add_csr (fixture->store, fixture->golf);
  details = cs_store_load_details_sync (fixture->store, fixture->golf, NULL, &error);
  g_assert_no_error (error);
  cs_test_pki_write ("golf.csr", cs_record_details_get_csr_pem (details));
  cs_test_pki_sign_dated ("issuing", "golf.csr", CS_TEST_PKI_CA_LINES (0), start_text, end_text,
                          "golf.pem");
  upload_and_finalize (fixture->store, fixture->golf, "golf.pem", TRUE);
}

static void
fixture_fill (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bravo_cert = NULL;
  CsStore *store = fixture->store;

  cs_test_store_make_pki ();

  fixture->alpha = add_record (store, "Alpha", "Main inspection proxy", TRUE);
  cs_test_store_make_ready (store, fixture->alpha);
  cs_store_make_default_sync (store, fixture->alpha, NULL, &error);
  g_assert_no_error (error);

  fixture->bravo = add_record (store, "Bravo", "Standby, signed by the root", TRUE);
  cs_test_store_add_csr (store, fixture->bravo);
  bravo_cert = cs_test_store_sign (store, fixture->bravo, "root");
  upload_and_finalize (store, fixture->bravo, bravo_cert, FALSE);

  fixture->charlie = add_record (store, "Charlie", "Retired last spring", FALSE);
  cs_test_store_make_ready (store, fixture->charlie);

  fixture->delta = add_record (store, "Delta", "Waiting for the CA", TRUE);
  cs_test_store_add_csr (store, fixture->delta);

  fixture->echo = add_record (store, "Echo", "", TRUE);
  cs_store_generate_key_pair_sync (store, fixture->echo, CS_KEY_TYPE_EC_P256, FALSE, NULL, &error);
  g_assert_no_error (error);

  fixture->foxtrot = add_record (store, "Foxtrot", "Just a name so far", FALSE);

  fixture->golf = add_record (store, "Golf", "Renew soon", TRUE);
  make_expiring (fixture);

  cs_store_activate_sync (store, fixture->deploy_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cs_store_get_n_pending_changes (store), ==, 0);
}

static Fixture *
fixture_new (gboolean fill)
{
  Fixture *fixture = g_new0 (Fixture, 1);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  fixture->path = new_db_path ();
  fixture->deploy_dir = g_build_filename (cs_test_get_tmp_dir (), "deploy", NULL);
  g_settings_set_string (settings, "deploy-folder", fixture->deploy_dir);
  fixture->store = cs_test_store_open (fixture->path);
  if (fill)
    fixture_fill (fixture);
  return fixture;
}

static void
fixture_free (Fixture *fixture)
{
  g_clear_object (&fixture->alpha);
  g_clear_object (&fixture->bravo);
  g_clear_object (&fixture->charlie);
  g_clear_object (&fixture->delta);
  g_clear_object (&fixture->echo);
  g_clear_object (&fixture->foxtrot);
  g_clear_object (&fixture->golf);
  g_clear_pointer (&fixture->golf_expires, g_date_time_unref);
  g_clear_object (&fixture->store);
  g_free (fixture->path);
  g_free (fixture->deploy_dir);
  g_free (fixture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

/* --- Looking at the window --------------------------------------------- */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static CsWindow *
window_new (CsStore *store,
            int      width,
            int      height)
{
  g_autoptr(CsApplication) app = cs_test_ui_app_new ();
  CsWindow *window = cs_window_new (app, store);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  cs_test_ui_wait_until (is_mapped, window, 5000);
  return window;
}

static CsRecordList *
list_of (CsWindow *window)
{
  return cs_window_get_record_list (window);
}

static const char *
page_of (CsWindow *window)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (list_of (window)), GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static GtkWidget *
page_widget (CsWindow   *window,
             const char *name)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (list_of (window)), GTK_TYPE_STACK);

  return gtk_stack_get_child_by_name (GTK_STACK (stack), name);
}

static guint
n_visible (CsWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (cs_record_list_get_visible_model (list_of (window))));
}

/* The names of the rows, in the order shown, joined by "|". */
static char *
visible_names (CsWindow *window)
{
  GListModel *model = G_LIST_MODEL (cs_record_list_get_visible_model (list_of (window)));
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "|" : "", cs_record_get_name (record));
    }

  return g_strdup (names->str);
}

static CsRecordCell *
find_cell (GtkWidget      *root,
           CsRecord       *record,
           CsRecordColumn  column)
{
  if (CS_IS_RECORD_CELL (root) &&
      cs_record_cell_get_record (CS_RECORD_CELL (root)) == record &&
      cs_record_cell_get_column (CS_RECORD_CELL (root)) == column &&
      gtk_widget_get_mapped (root))
    return CS_RECORD_CELL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CsRecordCell *found = find_cell (child, record, column);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static CsRecordCell *
cell_of (CsWindow       *window,
         CsRecord       *record,
         CsRecordColumn  column)
{
  CsRecordCell *cell = NULL;

  WAIT_FOR ((cell = find_cell (GTK_WIDGET (window), record, column)) != NULL);
  return cell;
}

static const char *
cell_text (CsWindow       *window,
           CsRecord       *record,
           CsRecordColumn  column)
{
  return cs_record_cell_get_text (cell_of (window, record, column));
}

static gboolean
label_below_contains (GtkWidget  *root,
                      const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_below_contains (child, needle))
      return TRUE;

  return FALSE;
}

/* Whether a toast of the window shows @needle. */
static gboolean
toast_shows (CsWindow   *window,
             const char *needle)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (list_of (window)), ADW_TYPE_TOAST_OVERLAY);

  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget") &&
        label_below_contains (child, needle))
      return TRUE;

  return FALSE;
}

/* The button labelled @label of the window's toast, or NULL. */
static GtkWidget *
toast_button (CsWindow   *window,
              const char *label)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (list_of (window)), ADW_TYPE_TOAST_OVERLAY);

  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button;

      if (!g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
        continue;
      button = cs_test_ui_find (child, GTK_TYPE_BUTTON, label);
      if (button != NULL && gtk_widget_get_visible (button))
        return button;
    }

  return NULL;
}

static GtkWindow *
find_toplevel (GType      type,
               GtkWindow *transient_for)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (transient_for == NULL || gtk_window_get_transient_for (window) == transient_for))
        return window;
    }

  return NULL;
}

static GtkMenuButton *
find_menu_button_with_popover (GtkWidget *root,
                               GType      popover_type)
{
  if (GTK_IS_MENU_BUTTON (root) &&
      G_TYPE_CHECK_INSTANCE_TYPE (gtk_menu_button_get_popover (GTK_MENU_BUTTON (root)), popover_type))
    return GTK_MENU_BUTTON (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button_with_popover (child, popover_type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *painted)
{
  (*painted)++;
}

/* Renders @widget to a PNG once the window has laid itself out and painted:
 * a widget waiting for its allocation renders nothing. */
static void
save_png (GtkWidget  *widget,
          const char *name)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint painted = 0;
  gulong handler;

  g_assert_nonnull (clock);
  /* A window's pages cross-fade: wait for the page it shows now. */
  if (CS_IS_WINDOW (widget))
    {
      GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (cs_window_get_record_list (CS_WINDOW (widget))),
                                                  GTK_TYPE_STACK);

      WAIT_FOR (!gtk_stack_get_transition_running (GTK_STACK (stack)));
    }
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  WAIT_FOR (painted >= 1);
  gtk_widget_queue_draw (widget);
  WAIT_FOR (painted >= 2);
  g_signal_handler_disconnect (clock, handler);
  cs_test_ui_save_png (widget, name);
}

static GtkWidget *
first_actions_button (GtkWidget *root)
{
  g_autofree char *tooltip = NULL;

  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), "Actions") == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_actions_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
activate_on (CsWindow   *window,
             const char *action,
             CsRecord   *record)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, "x",
                                             cs_record_get_id (record)));
}

static gboolean
done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* GTK 4.8 leaves the hover timeout of a tooltip pending when the popover
 * under the pointer goes away, and then asks the gone surface where the
 * pointer is: after a popover closes, let that timeout run out first. */
static void
settle_tooltips (void)
{
  gboolean done = FALSE;

  g_timeout_add (700, done_cb, &done);
  WAIT_FOR (done);
}

static void
window_close (CsWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_ui_flush ();
}

/* --- States ------------------------------------------------------------ */

static void
test_window_title_and_empty_state (void)
{
  g_autoptr(Fixture) fixture = fixture_new (FALSE);
  CsWindow *window = window_new (fixture->store, 900, 640);
  GtkWidget *status;
  GtkWidget *button;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Chainsmith");

  WAIT_FOR (g_str_equal (page_of (window), "empty"));
  status = cs_test_ui_find (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "No Intermediate CA Certificates");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_true (status == page_widget (window, "empty"));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "inspection proxy"));

  /* The page offers Add, wired to the editor's action. */
  button = cs_test_ui_find (status, GTK_TYPE_BUTTON, "_Add Certificate");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.add-software");
  g_assert_true (gtk_widget_is_sensitive (button));

  save_png (GTK_WIDGET (window), "window-empty.png");
  window_close (window);
}

static void
test_window_size_is_kept (void)
{
  g_autoptr(Fixture) fixture = fixture_new (FALSE);
  g_autoptr(CsApplication) app = cs_test_ui_app_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CsWindow *window;
  int width, height;

  g_settings_set (settings, "window-size", "(ii)", 900, 640);

  window = cs_window_new (app, fixture->store);
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
  cs_test_ui_flush ();
}

/* A file that is not a database: the window says why and where, and the
 * file stays as it was. */
static void
test_window_error_state (void)
{
  g_autofree char *dir = g_build_filename (cs_test_get_tmp_dir (), "not-a-store", NULL);
  g_autofree char *path = g_build_filename (dir, "chainsmith.db", NULL);
  const char *text = "These are my notes, not a database.\n";
  g_autofree char *after = NULL;
  g_autoptr(CsStore) store = NULL;
  GtkWidget *error_page;
  CsWindow *window;

  g_mkdir_with_parents (dir, 0700);
  cs_test_pki_write (path, text);
  store = cs_store_new (path);

  window = window_new (store, 900, 640);
  WAIT_FOR (g_str_equal (page_of (window), "error"));

  error_page = page_widget (window, "error");
  g_assert_true (gtk_widget_get_mapped (error_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (error_page)), ==,
                   "Could Not Open the Certificate Store");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (error_page)), !=, "");
  /* The path, selectable, so that it can be copied. */
  g_assert_nonnull (cs_test_ui_find (error_page, GTK_TYPE_LABEL, path));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (cs_test_ui_find (error_page, GTK_TYPE_LABEL, path))));
  g_assert_false (cs_store_get_is_open (store));
  /* Nothing to add to, or search in. */
  g_assert_false (gtk_widget_is_sensitive (cs_test_ui_find (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL)));
  save_png (GTK_WIDGET (window), "window-error.png");
  window_close (window);

  after = cs_test_pki_read (path);
  g_assert_cmpstr (after, ==, text);
}

/* A store that is not open yet: the window opens it and shows the list. */
static void
test_window_opens_store (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  g_autoptr(CsStore) store = cs_store_new (fixture->path);
  CsWindow *window;

  g_assert_false (cs_store_get_is_open (store));
  window = window_new (store, 1100, 700);
  g_assert_true (g_str_equal (page_of (window), "loading") || g_str_equal (page_of (window), "list"));
  WAIT_FOR (cs_store_get_is_open (store));
  WAIT_FOR (g_str_equal (page_of (window), "list"));
  g_assert_cmpuint (n_visible (window), ==, 7);
  window_close (window);
}

/* --- The rows ------------------------------------------------------------ */

static char *
today_plus (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%x");
}

static void
assert_row (CsWindow   *window,
            CsRecord   *record,
            const char *status,
            const char *state,
            gboolean    dated)
{
  g_autofree char *start = today_plus (0);
  g_autofree char *expires = today_plus (365);

  g_assert_cmpstr (cell_text (window, record, CS_RECORD_COLUMN_NAME), ==, cs_record_get_name (record));
  g_assert_cmpstr (cs_record_cell_get_subtitle (cell_of (window, record, CS_RECORD_COLUMN_NAME)), ==, state);
  g_assert_cmpstr (cell_text (window, record, CS_RECORD_COLUMN_PROTECTION_TYPE), ==, "Software Protection");
  g_assert_cmpstr (cell_text (window, record, CS_RECORD_COLUMN_REGION), ==, "Global");
  g_assert_cmpstr (cell_text (window, record, CS_RECORD_COLUMN_STATUS), ==, status);
  g_assert_cmpstr (cell_text (window, record, CS_RECORD_COLUMN_START_DATE), ==, dated ? start : "—");
  g_assert_cmpstr (cell_text (window, record, CS_RECORD_COLUMN_EXPIRATION_DATE), ==, dated ? expires : "—");
  g_assert_cmpint (cs_record_cell_get_expiry (cell_of (window, record, CS_RECORD_COLUMN_EXPIRATION_DATE)),
                   ==, CS_EXPIRY_NONE);
  if (*cs_record_get_description (record) != '\0')
    g_assert_cmpstr (cell_text (window, record, CS_RECORD_COLUMN_DESCRIPTION), ==,
                     cs_record_get_description (record));
  else
    g_assert_cmpstr (cell_text (window, record, CS_RECORD_COLUMN_DESCRIPTION), ==, "—");
}

static void
test_window_rows (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  g_autofree char *names = NULL;
  g_autofree char *golf_expires = NULL;
  g_autoptr(GDateTime) golf_local = NULL;
  GtkColumnViewColumn *description;
  CsRecordCell *cell;

  WAIT_FOR (g_str_equal (page_of (window), "list"));
  g_assert_cmpuint (n_visible (window), ==, 7);

  /* Sorted by name at first. */
  names = visible_names (window);
  g_assert_cmpstr (names, ==, "Alpha|Bravo|Charlie|Delta|Echo|Foxtrot|Golf");

  assert_row (window, fixture->alpha, "Enabled", "Ready", TRUE);
  assert_row (window, fixture->bravo, "Enabled", "Ready", TRUE);
  assert_row (window, fixture->charlie, "Disabled", "Ready", TRUE);
  assert_row (window, fixture->delta, "Enabled", "Draft — CSR generated", FALSE);
  assert_row (window, fixture->echo, "Enabled", "Draft — key pair generated", FALSE);
  assert_row (window, fixture->foxtrot, "Disabled", "Draft — general details saved", FALSE);

  /* The default is marked, and only the default. */
  g_assert_cmpstr (cs_record_cell_get_tag (cell_of (window, fixture->alpha, CS_RECORD_COLUMN_NAME)), ==, "Default");
  g_assert_null (cs_record_cell_get_tag (cell_of (window, fixture->bravo, CS_RECORD_COLUMN_NAME)));
  g_assert_null (cs_record_cell_get_tag (cell_of (window, fixture->delta, CS_RECORD_COLUMN_NAME)));

  /* Golf expires in ten days: marked as a warning, with the count. */
  golf_local = g_date_time_to_local (fixture->golf_expires);
  golf_expires = g_date_time_format (golf_local, "%x");
  cell = cell_of (window, fixture->golf, CS_RECORD_COLUMN_EXPIRATION_DATE);
  g_assert_cmpstr (cs_record_cell_get_text (cell), ==, golf_expires);
  g_assert_cmpint (cs_record_cell_get_expiry (cell), ==, CS_EXPIRY_SOON);
  g_assert_cmpstr (cs_record_cell_get_tooltip (cell), ==, "Expires in 10 days");
  g_assert_nonnull (cs_test_ui_find (GTK_WIDGET (cell), GTK_TYPE_IMAGE, NULL));
  g_assert_true (gtk_widget_get_visible (cs_test_ui_find (GTK_WIDGET (cell), GTK_TYPE_IMAGE, NULL)));
  g_assert_null (cs_record_cell_get_tooltip (cell_of (window, fixture->alpha,
                                                      CS_RECORD_COLUMN_EXPIRATION_DATE)));

  /* A description cut short shows whole in its tooltip; whether it is cut
   * is asked when the tooltip is (query-tooltip answers with
   * cs_record_cell_get_tooltip ()), not on every allocation. */
  cell = cell_of (window, fixture->bravo, CS_RECORD_COLUMN_DESCRIPTION);
  g_assert_null (cs_record_cell_get_tooltip (cell));
  description = cs_record_list_get_column (list_of (window), CS_RECORD_COLUMN_DESCRIPTION);
  gtk_column_view_column_set_expand (description, FALSE);
  gtk_column_view_column_set_fixed_width (description, 80);
  WAIT_FOR (cs_record_cell_get_tooltip (cell) != NULL);
  g_assert_cmpstr (cs_record_cell_get_tooltip (cell), ==, "Standby, signed by the root");
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (cell)));
  gtk_column_view_column_set_fixed_width (description, -1);
  gtk_column_view_column_set_expand (description, TRUE);
  WAIT_FOR (cs_record_cell_get_tooltip (cell) == NULL);

  /* Every row has its menu button at the end. */
  g_assert_nonnull (first_actions_button (GTK_WIDGET (cs_record_list_get_column_view (list_of (window)))));

  save_png (GTK_WIDGET (window), "window-list-1280.png");
  window_close (window);
}

/* The expired marker, with the time moved on past the expiration date. */
static void
test_window_expiry (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  GDateTime *expires = cs_record_get_cert_exp_date (fixture->golf);
  g_autoptr(GDateTime) later = g_date_time_add_days (expires, 1);
  g_autoptr(GDateTime) earlier = g_date_time_add_days (expires, -40);
  g_autofree char *soon = NULL;
  g_autofree char *expired = NULL;
  int days = -1;

  g_assert_cmpint (cs_record_get_expiry (fixture->golf, later, &days), ==, CS_EXPIRY_EXPIRED);
  expired = cs_record_dup_expiry_text (CS_EXPIRY_EXPIRED, days);
  g_assert_cmpstr (expired, ==, "Expired");
  g_assert_cmpint (cs_record_get_expiry (fixture->golf, earlier, &days), ==, CS_EXPIRY_NONE);
  g_assert_cmpint (days, ==, 40);
  g_assert_cmpint (cs_record_get_expiry (fixture->delta, later, &days), ==, CS_EXPIRY_NONE);
  soon = cs_record_dup_expiry_text (CS_EXPIRY_SOON, 1);
  g_assert_cmpstr (soon, ==, "Expires in 1 day");
}

/* --- Sorting and filtering ---------------------------------------------- */

static void
sort_by (CsWindow       *window,
         CsRecordColumn  column,
         GtkSortType     direction)
{
  CsRecordList *list = list_of (window);

  gtk_column_view_sort_by_column (cs_record_list_get_column_view (list),
                                  cs_record_list_get_column (list, column), direction);
  cs_test_ui_flush ();
}

static void
assert_order (CsWindow       *window,
              CsRecordColumn  column,
              GtkSortType     direction,
              const char     *expected)
{
  g_autofree char *names = NULL;

  sort_by (window, column, direction);
  names = visible_names (window);
  g_assert_cmpstr (names, ==, expected);
}

static void
test_window_sorting (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);

  WAIT_FOR (g_str_equal (page_of (window), "list"));

  assert_order (window, CS_RECORD_COLUMN_NAME, GTK_SORT_DESCENDING,
                "Golf|Foxtrot|Echo|Delta|Charlie|Bravo|Alpha");
  assert_order (window, CS_RECORD_COLUMN_NAME, GTK_SORT_ASCENDING,
                "Alpha|Bravo|Charlie|Delta|Echo|Foxtrot|Golf");
  /* "Disabled" before "Enabled", then by name. */
  assert_order (window, CS_RECORD_COLUMN_STATUS, GTK_SORT_ASCENDING,
                "Charlie|Foxtrot|Alpha|Bravo|Delta|Echo|Golf");
  assert_order (window, CS_RECORD_COLUMN_STATUS, GTK_SORT_DESCENDING,
                "Golf|Echo|Delta|Bravo|Alpha|Foxtrot|Charlie");
  /* Drafts have no dates and come first; Golf expires first of all. */
  assert_order (window, CS_RECORD_COLUMN_EXPIRATION_DATE, GTK_SORT_ASCENDING,
                "Delta|Echo|Foxtrot|Golf|Alpha|Bravo|Charlie");
  /* Golf started yesterday, the others today, in the order they were signed. */
  assert_order (window, CS_RECORD_COLUMN_START_DATE, GTK_SORT_ASCENDING,
                "Delta|Echo|Foxtrot|Golf|Alpha|Bravo|Charlie");
  assert_order (window, CS_RECORD_COLUMN_DESCRIPTION, GTK_SORT_ASCENDING,
                "Echo|Foxtrot|Alpha|Golf|Charlie|Bravo|Delta");
  /* Every record has the same type and region: the name decides. */
  assert_order (window, CS_RECORD_COLUMN_PROTECTION_TYPE, GTK_SORT_ASCENDING,
                "Alpha|Bravo|Charlie|Delta|Echo|Foxtrot|Golf");
  assert_order (window, CS_RECORD_COLUMN_REGION, GTK_SORT_ASCENDING,
                "Alpha|Bravo|Charlie|Delta|Echo|Foxtrot|Golf");

  window_close (window);
}

static void
search_for (CsWindow   *window,
            GtkEditable *entry,
            const char *text)
{
  gtk_editable_set_text (entry, text);
  /* The entry reports the change after its delay. */
  WAIT_FOR (g_str_equal (cs_record_list_get_search_text (list_of (window)), text));
}

static void
test_window_search (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  g_autoptr(GDateTime) golf_local = g_date_time_to_local (fixture->golf_expires);
  g_autofree char *golf_expires = g_date_time_format (golf_local, "%x");
  g_autofree char *names = NULL;
  GtkWidget *search_bar;
  GtkEditable *entry;
  CsRecordCell *first_cell;

  WAIT_FOR (g_str_equal (page_of (window), "list"));

  /* Ctrl+F's action opens the search bar and focuses the entry. */
  search_bar = cs_test_ui_find (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR, NULL);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  entry = GTK_EDITABLE (cs_test_ui_find (search_bar, GTK_TYPE_SEARCH_ENTRY, NULL));
  WAIT_FOR (gtk_widget_is_focus (GTK_WIDGET (gtk_editable_get_delegate (entry))));
  /* Type-to-search: the window passes key presses to the search bar. */
  g_assert_true (gtk_search_bar_get_key_capture_widget (GTK_SEARCH_BAR (search_bar)) == GTK_WIDGET (window));

  /* The first row's name cell, Alpha's before the search. */
  first_cell = cell_of (window, fixture->alpha, CS_RECORD_COLUMN_NAME);

  search_for (window, entry, "draft");
  names = visible_names (window);
  g_assert_cmpstr (names, ==, "Delta|Echo|Foxtrot");
  g_clear_pointer (&names, g_free);
  /* The rows were kept, not rebuilt: the same cell now shows Delta. */
  g_assert_true (cell_of (window, fixture->delta, CS_RECORD_COLUMN_NAME) == first_cell);
  g_assert_cmpstr (cs_record_cell_get_text (first_cell), ==, "Delta");
  g_assert_cmpstr (cs_record_cell_get_subtitle (first_cell), ==, "Draft — CSR generated");

  /* Case-insensitive, on the description. */
  search_for (window, entry, "RENEW");
  names = visible_names (window);
  g_assert_cmpstr (names, ==, "Golf");
  g_clear_pointer (&names, g_free);

  /* On the status, the type and the dates as shown. */
  search_for (window, entry, "disabled");
  names = visible_names (window);
  g_assert_cmpstr (names, ==, "Charlie|Foxtrot");
  g_clear_pointer (&names, g_free);
  search_for (window, entry, "software protection");
  g_assert_cmpuint (n_visible (window), ==, 7);
  search_for (window, entry, golf_expires);
  names = visible_names (window);
  g_assert_cmpstr (names, ==, "Golf");
  g_clear_pointer (&names, g_free);
  search_for (window, entry, "default");
  names = visible_names (window);
  g_assert_cmpstr (names, ==, "Alpha");
  g_clear_pointer (&names, g_free);

  /* A record that changes joins or leaves the results, and moves to
   * where it sorts. */
  search_for (window, entry, "disabled");
  activate_on (window, "win.enable", fixture->charlie);
  WAIT_FOR (n_visible (window) == 1);
  names = visible_names (window);
  g_assert_cmpstr (names, ==, "Foxtrot");
  g_clear_pointer (&names, g_free);
  activate_on (window, "win.disable", fixture->charlie);
  WAIT_FOR (n_visible (window) == 2);
  search_for (window, entry, "");
  sort_by (window, CS_RECORD_COLUMN_STATUS, GTK_SORT_ASCENDING);
  activate_on (window, "win.enable", fixture->foxtrot);
  WAIT_FOR (cs_record_get_enabled (fixture->foxtrot));
  cs_test_ui_flush ();
  names = visible_names (window);
  g_assert_cmpstr (names, ==, "Charlie|Alpha|Bravo|Delta|Echo|Foxtrot|Golf");
  g_clear_pointer (&names, g_free);

  search_for (window, entry, "no such certificate");
  g_assert_cmpuint (n_visible (window), ==, 0);
  WAIT_FOR (g_str_equal (page_of (window), "no-results"));
  save_png (GTK_WIDGET (window), "window-no-results.png");

  /* Closing the bar clears the search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  WAIT_FOR (n_visible (window) == 7);
  WAIT_FOR (g_str_equal (page_of (window), "list"));

  window_close (window);
}

/* --- Columns ------------------------------------------------------------ */

static GtkColumnViewColumn *
nth_column (CsWindow *window,
            guint     position)
{
  GListModel *columns = gtk_column_view_get_columns (cs_record_list_get_column_view (list_of (window)));
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, position);

  return column;
}

static void
test_window_columns_kept (void)
{
  g_autoptr(Fixture) fixture = fixture_new (FALSE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) hidden = NULL;
  g_auto(GStrv) order = NULL;
  g_autoptr(GVariant) state = NULL;
  CsRecordList *list;
  CsWindow *window;

  g_settings_reset (settings, "hidden-columns");
  g_settings_reset (settings, "column-order");

  window = window_new (fixture->store, 1280, 800);
  list = list_of (window);
  g_assert_true (nth_column (window, 0) == cs_record_list_get_column (list, CS_RECORD_COLUMN_NAME));
  g_assert_true (gtk_column_view_column_get_visible (cs_record_list_get_column (list, CS_RECORD_COLUMN_STATUS)));

  /* Hide Status through its menu item, as the header menu does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "columns.status", NULL));
  g_assert_false (gtk_column_view_column_get_visible (cs_record_list_get_column (list, CS_RECORD_COLUMN_STATUS)));
  hidden = g_settings_get_strv (settings, "hidden-columns");
  g_assert_cmpstrv (hidden, ((const char *[]) { "status", NULL }));
  /* (transfer full: the state is the test's to unref) */
  state = g_action_group_get_action_state (cs_record_list_get_column_actions (list), "status");
  g_assert_false (g_variant_get_boolean (state));

  /* The Name column cannot be hidden. */
  g_assert_false (g_action_group_has_action (cs_record_list_get_column_actions (list), "name"));

  /* Move Description first, as a drag of its header does. */
  gtk_column_view_insert_column (cs_record_list_get_column_view (list), 0,
                                 cs_record_list_get_column (list, CS_RECORD_COLUMN_DESCRIPTION));
  order = g_settings_get_strv (settings, "column-order");
  g_assert_cmpstrv (order, ((const char *[]) { "description", "name", "protection-type", "region",
                                               "status", "start-date", "expiration-date", NULL }));
  window_close (window);

  /* A new window restores both. */
  window = window_new (fixture->store, 1280, 800);
  list = list_of (window);
  g_assert_true (nth_column (window, 0) == cs_record_list_get_column (list, CS_RECORD_COLUMN_DESCRIPTION));
  g_assert_true (nth_column (window, 1) == cs_record_list_get_column (list, CS_RECORD_COLUMN_NAME));
  g_assert_false (gtk_column_view_column_get_visible (cs_record_list_get_column (list, CS_RECORD_COLUMN_STATUS)));
  g_assert_true (gtk_column_view_column_get_visible (cs_record_list_get_column (list, CS_RECORD_COLUMN_REGION)));

  /* And shows Status again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "columns.status", NULL));
  g_assert_true (gtk_column_view_column_get_visible (cs_record_list_get_column (list, CS_RECORD_COLUMN_STATUS)));
  g_clear_pointer (&hidden, g_strfreev);
  hidden = g_settings_get_strv (settings, "hidden-columns");
  g_assert_cmpstrv (hidden, ((const char *[]) { NULL }));
  window_close (window);

  g_settings_reset (settings, "hidden-columns");
  g_settings_reset (settings, "column-order");
}

/* --- Row actions --------------------------------------------------------- */

static gboolean
menu_has (CsRecord   *record,
          const char *action)
{
  g_autoptr(GMenuModel) menu = cs_record_list_create_menu (record);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *name = NULL;
          g_autoptr(GVariant) target = NULL;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &name);
          target = g_menu_model_get_item_attribute_value (section, j, G_MENU_ATTRIBUTE_TARGET,
                                                          G_VARIANT_TYPE_INT64);
          g_assert_nonnull (target);
          g_assert_cmpint (g_variant_get_int64 (target), ==, cs_record_get_id (record));
          if (g_strcmp0 (name, action) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* Each row offers the actions that apply to it, and no others. */
static void
test_window_menus (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsRecord *all[] = { fixture->alpha, fixture->bravo, fixture->charlie, fixture->delta,
                      fixture->echo, fixture->foxtrot, fixture->golf };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_assert_true (menu_has (all[i], "win.open-record"));

  /* The default: nothing that would take it away. */
  g_assert_false (menu_has (fixture->alpha, "win.make-default"));
  g_assert_false (menu_has (fixture->alpha, "win.disable"));
  g_assert_false (menu_has (fixture->alpha, "win.delete-record"));
  g_assert_true (menu_has (fixture->alpha, "win.download-chain"));
  g_assert_true (menu_has (fixture->alpha, "win.download-certificate"));

  g_assert_true (menu_has (fixture->bravo, "win.make-default"));
  g_assert_true (menu_has (fixture->bravo, "win.disable"));
  g_assert_false (menu_has (fixture->bravo, "win.enable"));
  g_assert_true (menu_has (fixture->bravo, "win.download-public-key"));
  g_assert_true (menu_has (fixture->bravo, "win.download-csr"));
  g_assert_true (menu_has (fixture->bravo, "win.download-certificate"));
  g_assert_false (menu_has (fixture->bravo, "win.download-chain"));
  g_assert_true (menu_has (fixture->bravo, "win.delete-record"));

  g_assert_false (menu_has (fixture->charlie, "win.make-default"));
  g_assert_true (menu_has (fixture->charlie, "win.enable"));
  g_assert_false (menu_has (fixture->charlie, "win.disable"));

  g_assert_false (menu_has (fixture->delta, "win.make-default"));
  g_assert_true (menu_has (fixture->delta, "win.download-csr"));
  g_assert_false (menu_has (fixture->delta, "win.download-certificate"));

  g_assert_true (menu_has (fixture->echo, "win.download-public-key"));
  g_assert_false (menu_has (fixture->echo, "win.download-csr"));

  g_assert_false (menu_has (fixture->foxtrot, "win.download-public-key"));
  g_assert_true (menu_has (fixture->foxtrot, "win.enable"));
  g_assert_true (menu_has (fixture->foxtrot, "win.delete-record"));

  /* The private key is never offered. */
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_assert_false (menu_has (all[i], "win.download-private-key"));
}

static GtkPopover *
list_menu (CsWindow *window)
{
  GtkWidget *list = GTK_WIDGET (list_of (window));

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return GTK_POPOVER (child);

  return NULL;
}

static gboolean
model_targets (GMenuModel *menu,
               const char *action,
               CsRecord   *record)
{
  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *name = NULL;
          g_autoptr(GVariant) target = NULL;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &name);
          target = g_menu_model_get_item_attribute_value (section, j, G_MENU_ATTRIBUTE_TARGET,
                                                          G_VARIANT_TYPE_INT64);
          if (g_strcmp0 (name, action) == 0 && g_variant_get_int64 (target) == cs_record_get_id (record))
            return TRUE;
        }
    }

  return FALSE;
}

/* The row's menu: from its button, and from the keyboard (Menu key). */
static void
test_window_row_menu (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  CsRecordList *list = list_of (window);
  GtkPopover *menu;
  GtkWidget *button;

  WAIT_FOR (g_str_equal (page_of (window), "list"));
  menu = list_menu (window);
  g_assert_nonnull (menu);
  g_assert_false (cs_record_list_popup_menu (list));

  /* The first row's button: Alpha, the default. */
  WAIT_FOR ((button = first_actions_button (GTK_WIDGET (cs_record_list_get_column_view (list)))) != NULL);
  gtk_widget_activate (button);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (menu)));
  g_assert_true (cs_record_list_get_selected (list) == fixture->alpha);
  g_assert_true (model_targets (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)),
                                "win.open-record", fixture->alpha));
  g_assert_false (model_targets (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)),
                                 "win.delete-record", fixture->alpha));
  save_png (GTK_WIDGET (menu), "row-menu-default.png");
  gtk_popover_popdown (menu);
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (menu)));
  settle_tooltips ();

  /* The keyboard (Menu, Shift+F10): the selected row's menu. */
  cs_record_list_select (list, fixture->bravo);
  g_assert_true (cs_record_list_get_selected (list) == fixture->bravo);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.show-menu", NULL));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (menu)));
  g_assert_true (model_targets (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)),
                                "win.make-default", fixture->bravo));
  g_assert_true (model_targets (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)),
                                "win.delete-record", fixture->bravo));
  save_png (GTK_WIDGET (menu), "row-menu.png");
  gtk_popover_popdown (menu);
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (menu)));
  settle_tooltips ();
  window_close (window);
}

static GtkGesture *
secondary_click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
        return GTK_GESTURE (controller);
    }

  return NULL;
}

/* A right click anywhere on a row opens that row's menu: one gesture on
 * the whole list finds the cell under the pointer. On a column's title it
 * does nothing. */
static void
test_window_right_click (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  CsRecordList *list = list_of (window);
  GtkWidget *view = GTK_WIDGET (cs_record_list_get_column_view (list));
  GtkGesture *gesture;
  GtkPopover *menu;
  CsRecordCell *cell;
  graphene_point_t centre, point;

  WAIT_FOR (g_str_equal (page_of (window), "list"));
  gesture = secondary_click_gesture (view);
  g_assert_nonnull (gesture);
  menu = list_menu (window);

  /* On a column's title: no menu. */
  g_signal_emit_by_name (gesture, "pressed", 1, 20.0, 5.0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (menu)));
  g_assert_null (cs_record_list_get_selected (list));

  /* On Charlie's region cell: Charlie's menu, and Charlie selected. */
  cell = cell_of (window, fixture->charlie, CS_RECORD_COLUMN_REGION);
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (cell)) > 0);
  centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (GTK_WIDGET (cell)) / 2.0f,
                                gtk_widget_get_height (GTK_WIDGET (cell)) / 2.0f);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (cell), view, &centre, &point));
  g_signal_emit_by_name (gesture, "pressed", 1, (double) point.x, (double) point.y);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (menu)));
  g_assert_true (cs_record_list_get_selected (list) == fixture->charlie);
  g_assert_true (model_targets (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)),
                                "win.open-record", fixture->charlie));
  g_assert_true (model_targets (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)),
                                "win.enable", fixture->charlie));
  gtk_popover_popdown (menu);
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (menu)));
  settle_tooltips ();
  window_close (window);
}

static void
test_window_refusals (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);

  WAIT_FOR (g_str_equal (page_of (window), "list"));

  /* The default can be neither disabled nor deleted, and says why. */
  activate_on (window, "win.disable", fixture->alpha);
  WAIT_FOR (toast_shows (window, "“Alpha” is the default certificate and cannot be disabled"));
  activate_on (window, "win.delete-record", fixture->alpha);
  WAIT_FOR (toast_shows (window, "“Alpha” is the default certificate and cannot be deleted"));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));

  /* A draft cannot be the default; a disabled record neither. */
  activate_on (window, "win.make-default", fixture->delta);
  WAIT_FOR (toast_shows (window, "“Delta” is still a draft"));
  activate_on (window, "win.make-default", fixture->charlie);
  WAIT_FOR (toast_shows (window, "Enable “Charlie” before making it the default"));
  activate_on (window, "win.disable", fixture->charlie);
  WAIT_FOR (toast_shows (window, "“Charlie” is already disabled"));

  /* Downloads of what is not there. */
  activate_on (window, "win.download-chain", fixture->bravo);
  WAIT_FOR (toast_shows (window, "No chain was uploaded for “Bravo”"));
  activate_on (window, "win.download-csr", fixture->echo);
  WAIT_FOR (toast_shows (window, "“Echo” has no certificate request yet"));
  activate_on (window, "win.download-public-key", fixture->foxtrot);
  WAIT_FOR (toast_shows (window, "“Foxtrot” has no key pair yet"));

  /* Nothing changed. */
  g_assert_true (cs_store_get_default_record (fixture->store) == fixture->alpha);
  g_assert_true (cs_record_get_enabled (fixture->alpha));
  g_assert_false (cs_record_get_enabled (fixture->charlie));
  g_assert_nonnull (cs_store_lookup_by_id (fixture->store, cs_record_get_id (fixture->alpha)));
  g_assert_cmpuint (cs_store_get_n_pending_changes (fixture->store), ==, 0);
  g_assert_cmpuint (n_visible (window), ==, 7);

  window_close (window);
}

static void
test_window_enable_disable (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  GtkWidget *undo = NULL;

  WAIT_FOR (g_str_equal (page_of (window), "list"));

  activate_on (window, "win.enable", fixture->charlie);
  WAIT_FOR (cs_record_get_enabled (fixture->charlie));
  WAIT_FOR (toast_shows (window, "“Charlie” enabled"));
  WAIT_FOR (g_str_equal (cell_text (window, fixture->charlie, CS_RECORD_COLUMN_STATUS), "Enabled"));
  g_assert_true (menu_has (fixture->charlie, "win.make-default"));

  /* The toast's Undo is the reverse operation. */
  WAIT_FOR ((undo = toast_button (window, "_Undo")) != NULL);
  gtk_widget_activate (undo);
  WAIT_FOR (!cs_record_get_enabled (fixture->charlie));
  WAIT_FOR (toast_shows (window, "“Charlie” disabled"));
  WAIT_FOR (g_str_equal (cell_text (window, fixture->charlie, CS_RECORD_COLUMN_STATUS), "Disabled"));

  activate_on (window, "win.disable", fixture->bravo);
  WAIT_FOR (!cs_record_get_enabled (fixture->bravo));
  window_close (window);
}

static GtkMenuButton *
pending_button (CsWindow *window)
{
  return find_menu_button_with_popover (GTK_WIDGET (window), CS_TYPE_PENDING_POPOVER);
}

static void
assert_pending (CsWindow *window,
                CsStore  *store)
{
  GtkMenuButton *button = pending_button (window);
  guint n = cs_store_get_n_pending_changes (store);
  g_autofree char *expected = g_strdup_printf (n == 1 ? "%u change pending" : "%u changes pending", n);
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (button);
  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (button)), ==, n > 0);
  if (n == 0)
    return;
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, expected);
  lines = cs_pending_popover_dup_lines (CS_PENDING_POPOVER (gtk_menu_button_get_popover (button)));
  g_assert_cmpstrv (lines, cs_store_get_pending_changes (store));
}

static gboolean
strv_has_substring (const char * const *strv,
                    const char         *needle)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (strstr (strv[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_window_make_default_and_activate (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  g_autofree char *chain_path = g_build_filename (fixture->deploy_dir, "ca-chain.pem", NULL);
  g_autofree char *bravo_cert = NULL;
  g_autofree char *deployed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecordDetails) details = NULL;
  GtkMenuButton *button;

  WAIT_FOR (g_str_equal (page_of (window), "list"));
  assert_pending (window, fixture->store);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pending_button (window))));

  activate_on (window, "win.make-default", fixture->bravo);
  WAIT_FOR (cs_store_get_default_record (fixture->store) == fixture->bravo);
  WAIT_FOR (toast_shows (window, "“Bravo” is now the default certificate"));

  /* The marker moved; Alpha stays the active one until activation. */
  WAIT_FOR (g_strcmp0 (cs_record_cell_get_tag (cell_of (window, fixture->bravo, CS_RECORD_COLUMN_NAME)), "Default") == 0);
  g_assert_cmpstr (cs_record_cell_get_tag (cell_of (window, fixture->alpha, CS_RECORD_COLUMN_NAME)), ==, "Active");

  /* The header counts the pending changes and lists them. */
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (pending_button (window))));
  g_assert_cmpuint (cs_store_get_n_pending_changes (fixture->store), >=, 1);
  assert_pending (window, fixture->store);
  g_assert_true (strv_has_substring (cs_store_get_pending_changes (fixture->store), "Default: Alpha → Bravo"));

  /* Alpha, still active, can be neither deleted nor disabled. */
  activate_on (window, "win.delete-record", fixture->alpha);
  WAIT_FOR (toast_shows (window, "until the pending changes are activated"));
  activate_on (window, "win.disable", fixture->alpha);
  WAIT_FOR (toast_shows (window, "stays enabled until the pending changes are activated"));

  button = pending_button (window);
  gtk_menu_button_popup (button);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  save_png (GTK_WIDGET (window), "window-pending-1280.png");
  save_png (GTK_WIDGET (gtk_menu_button_get_popover (button)), "pending-popover.png");

  /* Activate, as the popover's button does. */
  gtk_widget_activate (cs_test_ui_find (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                        GTK_TYPE_BUTTON, "_Activate"));
  WAIT_FOR (cs_store_get_n_pending_changes (fixture->store) == 0);
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (pending_button (window))));
  settle_tooltips ();
  WAIT_FOR (toast_shows (window, "Activated: the inspection proxy’s bundle is in"));
  g_assert_true (cs_store_get_active_default_record (fixture->store) == fixture->bravo);

  /* The bundle holds Bravo's certificate now. */
  g_assert_true (g_file_test (chain_path, G_FILE_TEST_IS_REGULAR));
  deployed = cs_test_pki_read (chain_path);
  details = cs_store_load_details_sync (fixture->store, fixture->bravo, NULL, &error);
  g_assert_no_error (error);
  bravo_cert = g_strdup (cs_record_details_get_certificate_pem (details));
  g_assert_nonnull (strstr (deployed, bravo_cert));
  WAIT_FOR (cs_record_cell_get_tag (cell_of (window, fixture->alpha, CS_RECORD_COLUMN_NAME)) == NULL);

  /* Undo of a default change is making the old one the default again. */
  activate_on (window, "win.make-default", fixture->alpha);
  WAIT_FOR (cs_store_get_default_record (fixture->store) == fixture->alpha);
  window_close (window);
}

static AdwMessageDialog *
wait_for_dialog (CsWindow *window)
{
  GtkWindow *dialog = NULL;

  WAIT_FOR ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window))) != NULL);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Clicks a response button of @dialog, as a person does. */
static void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *button = cs_test_ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
}

static void
test_window_delete (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  gint64 echo_id = cs_record_get_id (fixture->echo);
  gint64 bravo_id = cs_record_get_id (fixture->bravo);
  g_autoptr(CsStore) reopened = NULL;
  AdwMessageDialog *dialog;

  WAIT_FOR (g_str_equal (page_of (window), "list"));

  /* A draft: the dialog says that its key is destroyed; Cancel keeps it. */
  activate_on (window, "win.delete-record", fixture->echo);
  dialog = wait_for_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Echo”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "key pair will be destroyed"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  save_png (GTK_WIDGET (dialog), "delete-draft-dialog.png");
  click_response (dialog, "_Cancel");
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)) == NULL);
  g_assert_nonnull (cs_store_lookup_by_id (fixture->store, echo_id));
  g_assert_cmpuint (n_visible (window), ==, 7);

  /* The Delete key asks about the selected row; Delete removes the row,
   * and the record from the database. */
  cs_record_list_select (list_of (window), fixture->echo);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list_of (window)), "list.delete-selected", NULL));
  dialog = wait_for_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Echo”?");
  click_response (dialog, "_Delete");
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)) == NULL);
  WAIT_FOR (cs_store_lookup_by_id (fixture->store, echo_id) == NULL);
  WAIT_FOR (n_visible (window) == 6);
  WAIT_FOR (toast_shows (window, "“Echo” deleted"));

  /* A ready one: the dialog names the certificate and its key. */
  activate_on (window, "win.delete-record", fixture->bravo);
  dialog = wait_for_dialog (window);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "private key will be removed"));
  click_response (dialog, "_Delete");
  WAIT_FOR (cs_store_lookup_by_id (fixture->store, bravo_id) == NULL);
  WAIT_FOR (n_visible (window) == 5);

  reopened = cs_test_store_open (fixture->path);
  g_assert_null (cs_store_lookup_by_id (reopened, echo_id));
  g_assert_null (cs_store_lookup_by_id (reopened, bravo_id));
  g_assert_nonnull (cs_store_lookup_by_name (reopened, "Alpha"));
  g_assert_cmpuint (g_list_model_get_n_items (cs_store_get_records (reopened)), ==, 5);

  window_close (window);
}

/* --- The editor ----------------------------------------------------------- */

static guint
count_editors (CsWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (CS_IS_EDITOR (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        n++;
    }

  return n;
}

static void
test_window_editor (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  CsRecordList *list = list_of (window);
  GtkWindow *editor = NULL;
  guint position;

  WAIT_FOR (g_str_equal (page_of (window), "list"));

  /* Add → Software Protection: a new, empty editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-software", NULL));
  WAIT_FOR ((editor = find_toplevel (CS_TYPE_EDITOR, GTK_WINDOW (window))) != NULL);
  g_assert_null (cs_editor_get_record (CS_EDITOR (editor)));
  gtk_window_destroy (editor);
  cs_test_ui_flush ();
  g_assert_cmpuint (count_editors (window), ==, 0);

  /* Open: the record's editor, once however often it is asked for. */
  activate_on (window, "win.open-record", fixture->delta);
  WAIT_FOR ((editor = find_toplevel (CS_TYPE_EDITOR, GTK_WINDOW (window))) != NULL);
  g_assert_true (cs_editor_get_record (CS_EDITOR (editor)) == fixture->delta);
  activate_on (window, "win.open-record", fixture->delta);
  cs_test_ui_flush ();
  g_assert_cmpuint (count_editors (window), ==, 1);
  gtk_window_destroy (editor);
  cs_test_ui_flush ();

  /* Enter (the column view's activation) opens the row it is on. */
  cs_record_list_select (list, fixture->bravo);
  position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (cs_record_list_get_visible_model (list)));
  g_signal_emit_by_name (cs_record_list_get_column_view (list), "activate", position);
  WAIT_FOR ((editor = find_toplevel (CS_TYPE_EDITOR, GTK_WINDOW (window))) != NULL);
  g_assert_true (cs_editor_get_record (CS_EDITOR (editor)) == fixture->bravo);
  gtk_window_destroy (editor);
  cs_test_ui_flush ();

  window_close (window);
}

/* An activation that fails says why, and leaves the changes pending. */
static void
test_window_activate_fails (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *file = cs_test_pki_path ("not-a-folder");
  g_autofree char *folder = g_build_filename (file, "deploy", NULL);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  AdwMessageDialog *dialog;

  WAIT_FOR (g_str_equal (page_of (window), "list"));
  cs_test_pki_write (file, "a file where a folder should be\n");
  g_settings_set_string (settings, "deploy-folder", folder);

  activate_on (window, "win.make-default", fixture->bravo);
  WAIT_FOR (cs_store_get_n_pending_changes (fixture->store) > 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.activate-changes", NULL));
  dialog = wait_for_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Activate");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
  save_png (GTK_WIDGET (dialog), "activate-failed-dialog.png");
  click_response (dialog, "_Close");
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)) == NULL);

  g_assert_cmpuint (cs_store_get_n_pending_changes (fixture->store), >, 0);
  g_assert_true (cs_store_get_active_default_record (fixture->store) == fixture->alpha);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pending_button (window))));
  g_settings_set_string (settings, "deploy-folder", fixture->deploy_dir);
  window_close (window);
}

/* --- Downloads ----------------------------------------------------------- */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!cs_window_save_download_finish (CS_WINDOW (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  g_object_set_data (G_OBJECT (object), "saved", GINT_TO_POINTER (1));
}

static char *
save (CsWindow       *window,
      CsRecord       *record,
      CsDownloadKind  kind)
{
  g_autofree char *name = cs_window_suggest_download_name (record, kind);
  g_autofree char *path = g_build_filename (cs_test_get_tmp_dir (), "downloads", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *saved = g_strdup_printf ("Saved “%s”", basename);
  g_autofree char *folder = cs_test_pki_path ("downloads");

  g_mkdir_with_parents (folder, 0700);
  g_object_set_data (G_OBJECT (window), "saved", NULL);
  cs_window_save_download (window, record, kind, file, saved_cb, &error);
  WAIT_FOR (g_object_get_data (G_OBJECT (window), "saved") != NULL);
  g_assert_no_error (error);
  WAIT_FOR (toast_shows (window, saved));
  return cs_test_pki_read (path);
}

static void
test_window_downloads (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecordDetails) details = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *csr = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *chain = NULL;
  g_autofree char *issuing = cs_test_pki_read ("issuing.pem");
  g_autofree char *name = NULL;

  WAIT_FOR (g_str_equal (page_of (window), "list"));

  /* The suggested names. */
  name = cs_window_suggest_download_name (fixture->alpha, CS_DOWNLOAD_PUBLIC_KEY);
  g_assert_cmpstr (name, ==, "Alpha-public-key.pem");
  g_clear_pointer (&name, g_free);
  name = cs_window_suggest_download_name (fixture->alpha, CS_DOWNLOAD_CSR);
  g_assert_cmpstr (name, ==, "Alpha.csr");
  g_clear_pointer (&name, g_free);
  name = cs_window_suggest_download_name (fixture->alpha, CS_DOWNLOAD_CERTIFICATE);
  g_assert_cmpstr (name, ==, "Alpha.pem");
  g_clear_pointer (&name, g_free);
  name = cs_window_suggest_download_name (fixture->alpha, CS_DOWNLOAD_CHAIN);
  g_assert_cmpstr (name, ==, "Alpha-chain.pem");

  details = cs_store_load_details_sync (fixture->store, fixture->alpha, NULL, &error);
  g_assert_no_error (error);

  public_key = save (window, fixture->alpha, CS_DOWNLOAD_PUBLIC_KEY);
  g_assert_cmpstr (public_key, ==, cs_record_get_public_key (fixture->alpha));
  cs_test_sh ("openssl pkey -pubin -in 'downloads/Alpha-public-key.pem' -noout");

  csr = save (window, fixture->alpha, CS_DOWNLOAD_CSR);
  g_assert_cmpstr (csr, ==, cs_record_details_get_csr_pem (details));
  cs_test_sh ("openssl req -in 'downloads/Alpha.csr' -noout -verify 2>/dev/null");

  certificate = save (window, fixture->alpha, CS_DOWNLOAD_CERTIFICATE);
  g_assert_cmpstr (certificate, ==, cs_record_details_get_certificate_pem (details));
  cs_test_sh ("openssl verify -CAfile root.pem -untrusted issuing.pem 'downloads/Alpha.pem'");

  chain = save (window, fixture->alpha, CS_DOWNLOAD_CHAIN);
  g_assert_cmpstr (chain, ==, cs_record_details_get_chain_pem (details));
  g_assert_nonnull (strstr (chain, issuing));

  /* None of them holds a private key. */
  g_assert_null (strstr (public_key, "PRIVATE"));
  g_assert_null (strstr (csr, "PRIVATE"));
  g_assert_null (strstr (certificate, "PRIVATE"));
  g_assert_null (strstr (chain, "PRIVATE"));

  window_close (window);
}

/* --- History ------------------------------------------------------------- */

static void
test_window_history (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) expected = NULL;
  g_autoptr(CsHistoryEvent) first = NULL;
  g_autoptr(CsHistoryEvent) last = NULL;
  CsHistoryWindow *history = NULL;
  GListModel *events;

  WAIT_FOR (g_str_equal (page_of (window), "list"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-history", NULL));
  WAIT_FOR ((history = CS_HISTORY_WINDOW (find_toplevel (CS_TYPE_HISTORY_WINDOW, GTK_WINDOW (window)))) != NULL);
  WAIT_FOR ((events = cs_history_window_get_events (history)) != NULL);

  expected = cs_store_load_history_sync (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, g_list_model_get_n_items (expected));
  g_assert_cmpuint (g_list_model_get_n_items (events), >, 10);

  /* Newest first: the activation ends the fixture. */
  first = g_list_model_get_item (events, 0);
  last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  g_assert_cmpint (cs_history_event_get_kind (first), ==, CS_HISTORY_ACTIVATED);
  g_assert_cmpint (g_date_time_compare (cs_history_event_get_time (first),
                                        cs_history_event_get_time (last)), >=, 0);
  g_assert_cmpint (cs_history_event_get_kind (last), ==, CS_HISTORY_CREATED);

  /* The rows show the summaries. */
  WAIT_FOR (cs_test_ui_find (GTK_WIDGET (history), GTK_TYPE_LABEL,
                             cs_history_event_get_summary (first)) != NULL);
  g_assert_nonnull (cs_test_ui_find (GTK_WIDGET (history), GTK_TYPE_EXPANDER, NULL));
  save_png (GTK_WIDGET (history), "history.png");

  /* Asking again brings the same window back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-history", NULL));
  cs_test_ui_flush ();
  g_assert_true (find_toplevel (CS_TYPE_HISTORY_WINDOW, GTK_WINDOW (window)) == GTK_WINDOW (history));

  gtk_window_destroy (GTK_WINDOW (history));
  window_close (window);
}

/* --- Menus of the header bar ---------------------------------------------- */

static gboolean
menu_links_action (GMenuModel *menu,
                   const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          if (menu_links_action (linked, action))
            return TRUE;
        }
    }

  return FALSE;
}

static GtkMenuButton *
find_primary_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (root)))
    return GTK_MENU_BUTTON (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_primary_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_header_menus (void)
{
  g_autoptr(Fixture) fixture = fixture_new (FALSE);
  CsWindow *window = window_new (fixture->store, 1280, 800);
  GtkWidget *add = cs_test_ui_find (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL);
  GtkMenuButton *primary = find_primary_button (GTK_WIDGET (window));
  GMenuModel *menu;
  GtkWindow *help;

  /* The first menu button is Add, with Software Protection. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (add), ==, "Add an Intermediate CA Certificate");
  g_assert_true (menu_links_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (add)),
                                    "win.add-software"));

  /* The main menu: history, deploy folder, the columns, shortcuts. */
  g_assert_nonnull (primary);
  menu = gtk_menu_button_get_menu_model (primary);
  g_assert_true (menu_links_action (menu, "win.show-history"));
  g_assert_true (menu_links_action (menu, "win.choose-deploy-folder"));
  g_assert_true (menu_links_action (menu, "columns.status"));
  g_assert_true (menu_links_action (menu, "columns.description"));
  g_assert_false (menu_links_action (menu, "columns.name"));
  g_assert_true (menu_links_action (menu, "win.show-help-overlay"));

  /* The shortcuts window opens, its .ui valid. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  WAIT_FOR ((help = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, NULL)) != NULL);
  save_png (GTK_WIDGET (help), "shortcuts.png");
  gtk_window_destroy (help);
  window_close (window);
}

/* The window's shortcut for @keyval with exactly @modifiers, or NULL. */
static GtkShortcut *
find_key_shortcut (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      for (guint j = 0; GTK_IS_SHORTCUT_CONTROLLER (controller) &&
                        j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return shortcut;    /* the controller keeps it */
        }
    }
  return NULL;
}

/* Ctrl+? opens the keyboard shortcuts window, which is built on first use
 * (not for every window at startup) and then kept. */
static void
test_window_shortcuts_key (void)
{
  g_autoptr(Fixture) fixture = fixture_new (FALSE);
  g_autoptr(CsApplication) app = cs_test_ui_app_new ();
  CsWindow *window = window_new (fixture->store, 900, 640);
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app),
                                                                 "<Control>question");
  GtkShortcut *shortcut = find_key_shortcut (GTK_WIDGET (window), GDK_KEY_question, GDK_CONTROL_MASK);
  g_autofree char *accel = gtk_accelerator_name (GDK_KEY_question, GDK_CONTROL_MASK);
  GtkWidget *title, *keys;
  GtkWindow *help;

  g_assert_true (g_strv_contains ((const char * const *) actions, "win.show-help-overlay"));
  g_assert_nonnull (shortcut);
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, NULL));

  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               GTK_WIDGET (window),
                                               gtk_shortcut_get_arguments (shortcut)));
  WAIT_FOR ((help = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, GTK_WINDOW (window))) != NULL);
  g_assert_true (help == GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))));
  g_assert_true (gtk_window_get_modal (help));
  /* It shows Ctrl+? beside "Show Shortcuts". */
  title = cs_test_ui_find (GTK_WIDGET (help), GTK_TYPE_LABEL, "Show Shortcuts");
  g_assert_nonnull (title);
  keys = cs_test_ui_find (gtk_widget_get_ancestor (title, GTK_TYPE_SHORTCUTS_SHORTCUT),
                          GTK_TYPE_SHORTCUT_LABEL, NULL);
  g_assert_nonnull (keys);
  g_assert_cmpstr (gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (keys)), ==, accel);

  /* Closed, it hides; Ctrl+? shows the same one again. */
  gtk_window_close (help);
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (help)));
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               GTK_WIDGET (window),
                                               gtk_shortcut_get_arguments (shortcut)));
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (help)));
  g_assert_true (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, GTK_WINDOW (window)) == help);
  gtk_window_close (help);
  window_close (window);
}

/* --- Screenshots and scale -------------------------------------------------- */

static void
test_window_narrow (void)
{
  g_autoptr(Fixture) fixture = fixture_new (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) state = NULL;
  g_auto(GStrv) hidden = NULL;
  CsWindow *window;
  CsRecordList *list;
  GtkScrolledWindow *scrolled;
  guint narrow;

  g_settings_reset (settings, "hidden-columns");
  window = window_new (fixture->store, 600, 800);
  WAIT_FOR (g_str_equal (page_of (window), "list"));
  cell_of (window, fixture->alpha, CS_RECORD_COLUMN_NAME);
  /* The window's width, less the frame of its decorations. */
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) > 0);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 600);

  /* What does not fit is left out, least telling first; the name, the
   * expiration date and each row's menu button stay, with no sideways
   * scrolling. The user's choice of columns is not changed by it. */
  list = list_of (window);
  WAIT_FOR ((cs_record_list_get_narrow_columns (list) & (1u << CS_RECORD_COLUMN_REGION)) != 0);
  cs_test_ui_flush ();
  narrow = cs_record_list_get_narrow_columns (list);
  /* In order: Region, Protection Type, Validity Start Date, Status,
   * Description; never the name or the expiration date. */
  g_assert_true (narrow & (1u << CS_RECORD_COLUMN_PROTECTION_TYPE));
  g_assert_true (narrow & (1u << CS_RECORD_COLUMN_START_DATE));
  g_assert_true (!(narrow & (1u << CS_RECORD_COLUMN_DESCRIPTION)) || (narrow & (1u << CS_RECORD_COLUMN_STATUS)));
  g_assert_false (narrow & (1u << CS_RECORD_COLUMN_NAME));
  g_assert_false (narrow & (1u << CS_RECORD_COLUMN_EXPIRATION_DATE));
  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    g_assert_cmpint (gtk_column_view_column_get_visible (cs_record_list_get_column (list, i)), ==,
                     !(narrow & (1u << i)));
  /* The name takes what the description leaves when it is out. */
  g_assert_cmpint (gtk_column_view_column_get_expand (cs_record_list_get_column (list, CS_RECORD_COLUMN_NAME)), ==,
                   (narrow & (1u << CS_RECORD_COLUMN_DESCRIPTION)) != 0);
  scrolled = GTK_SCROLLED_WINDOW (cs_test_ui_find (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW, NULL));
  WAIT_FOR (first_actions_button (GTK_WIDGET (list)) != NULL);
  /* (The adjustment follows the columns at the next layout.) */
  WAIT_FOR (gtk_adjustment_get_upper (gtk_scrolled_window_get_hadjustment (scrolled)) <=
            gtk_adjustment_get_page_size (gtk_scrolled_window_get_hadjustment (scrolled)));
  state = g_action_group_get_action_state (cs_record_list_get_column_actions (list), "region");
  g_assert_true (g_variant_get_boolean (state));
  hidden = g_settings_get_strv (settings, "hidden-columns");
  g_assert_cmpstrv (hidden, ((const char *[]) { NULL }));
  save_png (GTK_WIDGET (window), "window-list-600.png");

  /* Wide again: every column is back. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  WAIT_FOR (cs_record_list_get_narrow_columns (list) == 0);
  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    g_assert_true (gtk_column_view_column_get_visible (cs_record_list_get_column (list, i)));
  g_assert_false (gtk_column_view_column_get_expand (cs_record_list_get_column (list, CS_RECORD_COLUMN_NAME)));
  window_close (window);
}

typedef struct
{
  CsWindow *window;
  gboolean  list_while_loading;
  gint64    last_tick;
  gint64    longest_stall;
} LoadWatch;

static void
records_changed_cb (GListModel *records,
                    guint       position,
                    guint       removed,
                    guint       added,
                    LoadWatch  *watch)
{
  guint n = g_list_model_get_n_items (records);

  if (n > 0 && n < 10000 && g_str_equal (page_of (watch->window), "list"))
    watch->list_while_loading = TRUE;
}

static gboolean
stall_tick_cb (gpointer data)
{
  LoadWatch *watch = data;
  gint64 now = g_get_monotonic_time ();

  if (watch->last_tick != 0)
    watch->longest_stall = MAX (watch->longest_stall, now - watch->last_tick);
  watch->last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* "Record 00000" … "Record 09999": the first through the store, which makes
 * the database; the others in one transaction, as the store's own create
 * does them one by one (which would take minutes). */
static void
fill_many (const char *path)
{
  g_autoptr(CsStore) store = cs_test_store_open (path);
  g_autoptr(CsRecord) first = add_record (store, "Record 00000", "Branch office 0", FALSE);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db,
                "BEGIN;"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9999) "
                "INSERT INTO records (name, description, enabled) "
                "SELECT printf ('Record %05d', i), printf ('Branch office %d', i % 97), i % 3 != 0 FROM n;"
                "COMMIT;",
                NULL, NULL, &message);
  g_assert_null (message);
  sqlite3_close (db);
}

static void
test_window_ten_thousand (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(CsApplication) app = cs_test_ui_app_new ();
  g_autoptr(CsStore) store = NULL;
  LoadWatch watch = { NULL, };
  const char *steps[] = { "r", "re", "rec", "record 0", "record 01", "record 012", "branch office 42" };
  CsWindow *window;
  guint tick;
  double seconds;

  g_test_timer_start ();
  fill_many (path);
  g_test_message ("created 10,000 records in %.2f s", g_test_timer_elapsed ());

  store = cs_store_new (path);
  g_test_timer_start ();
  window = cs_window_new (app, store);
  watch.window = window;
  /* Connected after the window's own handler, so the page is current. */
  g_signal_connect (cs_store_get_records (store), "items-changed", G_CALLBACK (records_changed_cb), &watch);
  tick = g_timeout_add (5, stall_tick_cb, &watch);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (cs_store_get_is_open (store));
  seconds = g_test_timer_elapsed ();
  g_source_remove (tick);
  g_test_message ("opened 10,000 records in %.2f s; longest main-loop stall %.1f ms",
                  seconds, watch.longest_stall / 1000.0);

  /* The list showed while the records were still coming in. */
  g_assert_true (watch.list_while_loading);
  g_assert_cmpuint (n_visible (window), ==, 10000);
  WAIT_FOR (g_str_equal (page_of (window), "list"));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_test_timer_start ();
      cs_record_list_set_search_text (list_of (window), steps[i]);
      g_test_message ("filter “%s”: %u rows in %.2f ms", steps[i], n_visible (window),
                      g_test_timer_elapsed () * 1000);
    }
  g_assert_cmpuint (n_visible (window), ==, 103);
  cs_record_list_set_search_text (list_of (window), "record 01234");
  g_assert_cmpuint (n_visible (window), ==, 1);
  cs_record_list_set_search_text (list_of (window), "");
  g_assert_cmpuint (n_visible (window), ==, 10000);

  g_test_timer_start ();
  sort_by (window, CS_RECORD_COLUMN_NAME, GTK_SORT_DESCENDING);
  g_test_message ("sorted 10,000 rows by name in %.2f ms", g_test_timer_elapsed () * 1000);
  {
    g_autoptr(CsRecord) top = g_list_model_get_item (G_LIST_MODEL (cs_record_list_get_visible_model (list_of (window))), 0);

    g_assert_cmpstr (cs_record_get_name (top), ==, "Record 09999");
  }

  window_close (window);
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
  g_test_add_func ("/window/error-state", test_window_error_state);
  g_test_add_func ("/window/opens-store", test_window_opens_store);
  g_test_add_func ("/window/rows", test_window_rows);
  g_test_add_func ("/window/expiry", test_window_expiry);
  g_test_add_func ("/window/sorting", test_window_sorting);
  g_test_add_func ("/window/search", test_window_search);
  g_test_add_func ("/window/columns-kept", test_window_columns_kept);
  g_test_add_func ("/window/menus", test_window_menus);
  g_test_add_func ("/window/row-menu", test_window_row_menu);
  g_test_add_func ("/window/right-click", test_window_right_click);
  g_test_add_func ("/window/refusals", test_window_refusals);
  g_test_add_func ("/window/enable-disable", test_window_enable_disable);
  g_test_add_func ("/window/make-default-and-activate", test_window_make_default_and_activate);
  g_test_add_func ("/window/delete", test_window_delete);
  g_test_add_func ("/window/activate-fails", test_window_activate_fails);
  g_test_add_func ("/window/downloads", test_window_downloads);
  g_test_add_func ("/window/editor", test_window_editor);
  g_test_add_func ("/window/history", test_window_history);
  g_test_add_func ("/window/header-menus", test_window_header_menus);
  g_test_add_func ("/window/shortcuts-key", test_window_shortcuts_key);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/ten-thousand", test_window_ten_thousand);

  return g_test_run ();
}
