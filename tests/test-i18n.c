/* test-i18n.c — the UI in German, from the build's own catalogue
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the UI as a German-speaking admin would see it: LC_ALL=C.UTF-8
 * (with the plain C locale gettext ignores LANGUAGE) and LANGUAGE=de, the
 * chainsmith domain bound to the catalogue this build compiled from
 * po/de.po (<build>/po/de/LC_MESSAGES/chainsmith.mo, passed in
 * CS_PO_BUILD_DIR). It asserts the labels the widgets show against literal
 * German text from po/de.po, and the country names that come from
 * iso-codes' own German catalogue: GLib's g_dgettext() leaves every other
 * domain untranslated when the program's main domain has no catalogue for
 * the language, so "Deutschland" shows only with chainsmith.mo in place.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cs-csr-page.h"
#include "cs-editor-private.h"
#include "cs-record-cell.h"
#include "cs-record-column.h"
#include "cs-record-list.h"
#include "cs-test-store.h"
#include "cs-test-ui.h"
#include "cs-window.h"

#define WAIT_MS 30000

/* Where main() bound the chainsmith domain, and the catalogue expected there. */
static const char *po_build_dir;
static char *catalogue_path;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* Every case needs the German catalogue of this build. */
static void
require_catalogue (void)
{
  if (po_build_dir == NULL)
    g_error ("CS_PO_BUILD_DIR is not set: run this test through `meson test`, which "
             "passes the build's po folder");
  if (!g_file_test (catalogue_path, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing: the German catalogue was not built (ninja chainsmith-gmo)",
             catalogue_path);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
two_frames (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Renders @window once it is laid out (a widget waiting for a new layout
 * renders nothing), under <build>/tests/screenshots/. */
static void
screenshot (gpointer    window,
            const char *name)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frame_cb, &frames, NULL);

  gtk_widget_queue_draw (GTK_WIDGET (window));
  cs_test_ui_wait_until (two_frames, &frames, 5000);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), id);
  cs_test_ui_flush ();
  cs_test_ui_save_png (GTK_WIDGET (window), name);
}

/* Renders @editor once more with @page scrolled to its end. */
static void
screenshot_scrolled (CsEditor   *editor,
                     gpointer    page,
                     const char *name)
{
  GtkWidget *scrolled = cs_test_ui_find (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  screenshot (editor, name);
  gtk_adjustment_set_value (adjustment, 0);
}

/* The first widget below (or at) @root whose tooltip is @tooltip. */
static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @model, its sections or its submenus have an item labelled @label. */
static gboolean
menu_has_label (GMenuModel *model,
                const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_strcmp0 (text, label) == 0)
        return TRUE;
      if ((section != NULL && menu_has_label (section, label)) ||
          (submenu != NULL && menu_has_label (submenu, label)))
        return TRUE;
    }
  return FALSE;
}

/* Whether a cell of the list below @root shows @text, as its text or its tag. */
static gboolean
cells_show (GtkWidget  *root,
            const char *text)
{
  if (CS_IS_RECORD_CELL (root) &&
      (g_strcmp0 (cs_record_cell_get_text (CS_RECORD_CELL (root)), text) == 0 ||
       g_strcmp0 (cs_record_cell_get_tag (CS_RECORD_CELL (root)), text) == 0))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (cells_show (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
shows_both_rows (gpointer data)
{
  return cells_show (data, "Inspektion Zentrale 2026") && cells_show (data, "Zweigstelle Zürich");
}

/* The window's main stack: loading, error, empty, no-results or list. */
static GtkStack *
main_stack (CsWindow *window)
{
  GtkWidget *list = GTK_WIDGET (cs_window_get_record_list (window));

  return GTK_STACK (gtk_widget_get_ancestor (list, GTK_TYPE_STACK));
}

static gboolean
shows_empty_page (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (main_stack (data)), "empty") == 0;
}

static gboolean
shows_list (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (main_stack (data)), "list") == 0;
}

static CsStore *
store_in (const char *name)
{
  g_autofree char *path = g_build_filename (cs_test_get_tmp_dir (), name, "chainsmith.db", NULL);

  return cs_test_store_open (path);
}

static CsWindow *
window_new (CsStore *store,
            int      width)
{
  g_autoptr(CsApplication) app = cs_test_ui_app_new ();
  CsWindow *window = cs_window_new (app, store);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 600);
  gtk_window_present (GTK_WINDOW (window));
  cs_test_ui_wait_until (is_mapped, window, 5000);
  return window;
}

static void
window_close (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  cs_test_ui_flush ();
}

/* ------------------------------------------------------------------ */
/* The editor                                                          */
/* ------------------------------------------------------------------ */

static gboolean
editor_is_idle (gpointer data)
{
  return !cs_editor_get_busy (CS_EDITOR (data)) && !cs_editor_get_loading (CS_EDITOR (data));
}

static CsEditor *
editor_open (CsWindow *parent,
             CsStore  *store,
             CsRecord *record)
{
  CsEditor *editor = cs_editor_new (GTK_WINDOW (parent), store, record);

  gtk_window_present (GTK_WINDOW (editor));
  cs_test_ui_wait_until (is_mapped, editor, 5000);
  cs_test_ui_wait_until (editor_is_idle, editor, WAIT_MS);
  cs_test_ui_flush ();
  return editor;
}

static GtkWidget *
tab_label (CsEditor     *editor,
           CsEditorPage  page)
{
  GtkNotebook *notebook = cs_editor_get_notebook (editor);

  return gtk_notebook_get_tab_label (notebook, gtk_notebook_get_nth_page (notebook, page));
}

static const char *
tab_text (CsEditor     *editor,
          CsEditorPage  page)
{
  GtkWidget *label = tab_label (editor, page);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

static void
show_tab (CsEditor     *editor,
          CsEditorPage  page)
{
  gtk_notebook_set_current_page (cs_editor_get_notebook (editor), page);
  cs_test_ui_flush ();
  g_assert_cmpint (gtk_notebook_get_current_page (cs_editor_get_notebook (editor)), ==, page);
}

static gboolean
has_dialog_for (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == data)
        return TRUE;
    }
  return FALSE;
}

static AdwMessageDialog *
dialog_for (gpointer parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  cs_test_ui_wait_until (has_dialog_for, parent, 5000);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }
  g_assert_not_reached ();
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* ------------------------------------------------------------------ */
/* Cases                                                               */
/* ------------------------------------------------------------------ */

/* The domain is bound to this build's German catalogue, not an installed one. */
static void
test_i18n_catalogue (void)
{
  const char *header;

  require_catalogue ();
  g_assert_cmpstr (textdomain (NULL), ==, GETTEXT_PACKAGE);
  g_assert_cmpstr (bindtextdomain (GETTEXT_PACKAGE, NULL), ==, po_build_dir);

  /* The catalogue's header, which only a loaded German catalogue has. */
  header = gettext ("");
  g_assert_nonnull (strstr (header, "Language: de\n"));
  g_assert_nonnull (strstr (header, "Plural-Forms: nplurals=2; plural=(n != 1);"));
}

/* The main window on an empty store: title bar and empty state in German. */
static void
test_i18n_window_empty (void)
{
  g_autoptr(CsStore) store = NULL;
  CsWindow *window;
  GtkWidget *status;
  GtkWidget *button;
  GtkWidget *menu_button;
  GtkWidget *search;
  g_autofree char *placeholder = NULL;
  GMenuModel *menu;

  require_catalogue ();
  store = store_in ("empty");
  window = window_new (store, 900);
  cs_test_ui_wait_until (shows_empty_page, window, WAIT_MS);

  status = gtk_stack_get_visible_child (main_stack (window));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "Keine Zwischenzertifikate");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                                   "Mit einem Zwischenzertifikat signiert Ihr Inspektions-Proxy "));
  button = cs_test_ui_find (status, GTK_TYPE_BUTTON, "Zertifikat _hinzufügen");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));

  /* The header bar's buttons: tooltips, and the menus behind them. */
  menu_button = find_by_tooltip (GTK_WIDGET (window), "Ein Zwischenzertifikat hinzufügen");
  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  g_assert_true (gtk_widget_get_mapped (menu_button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_true (menu_has_label (menu, "_Software-Schutz"));

  menu_button = find_by_tooltip (GTK_WIDGET (window), "Hauptmenü");
  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  g_assert_true (gtk_widget_get_mapped (menu_button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_true (menu_has_label (menu, "_Verlauf"));
  g_assert_true (menu_has_label (menu, "_Bereitstellungsordner…"));
  g_assert_true (menu_has_label (menu, "_Tastenkürzel"));
  g_assert_true (menu_has_label (menu, "_Info zu Chainsmith"));
  g_assert_false (menu_has_label (menu, "_History"));

  g_assert_true (GTK_IS_TOGGLE_BUTTON (find_by_tooltip (GTK_WIDGET (window), "Suchen")));
  search = cs_test_ui_find (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (search);
  /* GTK 4.8 has no getter for it. */
  g_object_get (search, "placeholder-text", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, "Zertifikate durchsuchen");

  screenshot (window, "i18n-window-empty.png");
  window_close (window);
}

/* The main window with certificates: column titles, cells, the pending button. */
static void
test_i18n_window_list (void)
{
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsRecord) ready = NULL;
  g_autoptr(CsRecord) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending = NULL;
  CsRecordList *list;
  CsWindow *window;
  GtkWidget *button;
  guint n;

  require_catalogue ();
  store = store_in ("list");
  ready = cs_test_store_add_default (store, "Inspektion Zentrale 2026");
  draft = cs_store_create_record_sync (store, "Zweigstelle Zürich", "Entwurf für die Filiale",
                                       FALSE, NULL, &error);
  g_assert_no_error (error);
  window = window_new (store, 900);
  cs_test_ui_wait_until (shows_list, window, WAIT_MS);
  list = cs_window_get_record_list (window);
  /* The rows are built a few per frame. */
  cs_test_ui_wait_until (shows_both_rows, list, WAIT_MS);

  g_assert_cmpstr (gtk_column_view_column_get_title (
                     cs_record_list_get_column (list, CS_RECORD_COLUMN_PROTECTION_TYPE)), ==, "Schutztyp");
  g_assert_cmpstr (gtk_column_view_column_get_title (
                     cs_record_list_get_column (list, CS_RECORD_COLUMN_START_DATE)), ==, "Gültig ab");
  g_assert_cmpstr (gtk_column_view_column_get_title (
                     cs_record_list_get_column (list, CS_RECORD_COLUMN_EXPIRATION_DATE)), ==, "Ablaufdatum");
  g_assert_cmpstr (gtk_column_view_column_get_title (
                     cs_record_list_get_column (list, CS_RECORD_COLUMN_DESCRIPTION)), ==, "Beschreibung");

  /* What the cells show, as a person reads them. */
  g_assert_true (cells_show (GTK_WIDGET (list), "Software-Schutz"));
  g_assert_true (cells_show (GTK_WIDGET (list), "Eingeschaltet"));
  g_assert_true (cells_show (GTK_WIDGET (list), "Ausgeschaltet"));
  g_assert_true (cells_show (GTK_WIDGET (list), "Standard"));
  g_assert_false (cells_show (GTK_WIDGET (list), "Enabled"));

  /* Making a default leaves changes to activate: the button counts them, in
   * the German plural. */
  n = cs_store_get_n_pending_changes (store);
  g_assert_cmpuint (n, >, 0);
  pending = n == 1 ? g_strdup ("1 Änderung ausstehend")
                   : g_strdup_printf ("%u Änderungen ausstehend", n);
  button = find_by_tooltip (GTK_WIDGET (window), "Die Änderungen anzeigen, die auf die Aktivierung warten");
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, pending);

  screenshot (window, "i18n-window-list.png");
  window_close (window);

  /* At the narrowest the window allows, the German header bar still fits. */
  window = window_new (store, 360);
  cs_test_ui_wait_until (shows_list, window, WAIT_MS);
  screenshot (window, "i18n-window-list-narrow.png");
  window_close (window);
}

/* A new certificate in the editor: title, tabs, buttons and why a tab is
 * locked; closing the new draft asks in German. */
static void
test_i18n_editor (void)
{
  g_autoptr(CsStore) store = NULL;
  CsWindow *window;
  CsEditor *editor;
  gpointer alive;
  AdwMessageDialog *dialog;

  require_catalogue ();
  store = store_in ("editor");
  window = window_new (store, 900);
  editor = editor_open (window, store, NULL);
  alive = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &alive);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==,
                   "Software-Zwischenzertifikat hinzufügen");
  g_assert_cmpstr (tab_text (editor, CS_EDITOR_PAGE_GENERAL), ==, "Allgemein");
  g_assert_cmpstr (tab_text (editor, CS_EDITOR_PAGE_KEY_PAIR), ==, "Schlüsselpaar erzeugen");
  g_assert_cmpstr (tab_text (editor, CS_EDITOR_PAGE_CSR), ==, "CSR erzeugen");
  g_assert_cmpstr (tab_text (editor, CS_EDITOR_PAGE_UPLOAD), ==, "Zwischenzertifikat hochladen");
  g_assert_cmpstr (tab_text (editor, CS_EDITOR_PAGE_REVIEW), ==, "Übersicht");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cs_editor_get_back_button (editor))), ==, "_Zurück");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cs_editor_get_next_button (editor))), ==, "_Weiter");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cs_editor_get_save_button (editor))), ==, "_Speichern");

  /* The locked tabs say why, in German. */
  g_assert_false (gtk_widget_get_sensitive (tab_label (editor, CS_EDITOR_PAGE_KEY_PAIR)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (tab_label (editor, CS_EDITOR_PAGE_KEY_PAIR)), ==,
                   "Geben Sie zuerst einen eindeutigen Namen ein");

  /* The General tab's rows. */
  g_assert_nonnull (cs_test_ui_find (GTK_WIDGET (cs_editor_get_general_page (editor)),
                                     ADW_TYPE_PREFERENCES_ROW, "_Name"));
  g_assert_nonnull (cs_test_ui_find (GTK_WIDGET (cs_editor_get_general_page (editor)),
                                     ADW_TYPE_PREFERENCES_ROW, "Schutztyp"));
  screenshot (editor, "i18n-editor-general.png");

  /* A named draft, closed: the editor asks whether to keep it. */
  gtk_editable_set_text (cs_general_page_get_name_entry (cs_editor_get_general_page (editor)),
                         "Entwurf zum Verwerfen");
  g_signal_emit_by_name (cs_editor_get_next_button (editor), "clicked");
  cs_test_ui_wait_until (editor_is_idle, editor, WAIT_MS);
  g_assert_cmpint (gtk_notebook_get_current_page (cs_editor_get_notebook (editor)), ==,
                   CS_EDITOR_PAGE_KEY_PAIR);
  gtk_window_close (GTK_WINDOW (editor));
  dialog = dialog_for (editor);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Den Entwurf behalten?");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "delete"), ==, "Entwurf _löschen");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "keep"), ==, "Entwurf _behalten");
  screenshot (dialog, "i18n-editor-keep-draft.png");
  g_signal_emit_by_name (cs_test_ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Entwurf _löschen"),
                         "clicked");
  cs_test_ui_wait_until (is_null, &alive, WAIT_MS);
  g_assert_null (cs_store_lookup_by_name (store, "Entwurf zum Verwerfen"));

  window_close (window);
}

/* The CSR tab: the country's name comes from iso-codes' German catalogue. */
static void
test_i18n_csr_country (void)
{
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  CsWindow *window;
  CsEditor *editor;
  CsCsrPage *page;
  GtkEditable *country;

  require_catalogue ();
  store = store_in ("csr");
  record = cs_test_store_add (store, "Inspektion Zentrale 2026");
  cs_store_generate_key_pair_sync (store, record, CS_KEY_TYPE_EC_P256, FALSE, NULL, &error);
  g_assert_no_error (error);
  window = window_new (store, 900);
  editor = editor_open (window, store, record);
  show_tab (editor, CS_EDITOR_PAGE_CSR);
  page = cs_editor_get_csr_page (editor);
  country = cs_csr_page_get_entry (page, CS_SUBJECT_COUNTRY);

  /* The rows carry the German field names. */
  g_assert_true (ADW_IS_ENTRY_ROW (country));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (country)), ==, "Land");
  g_assert_nonnull (cs_test_ui_find (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_ROW, "Allgemeiner Name (CN)"));
  g_assert_nonnull (cs_test_ui_find (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_ROW, "Bundesland/Region/Kanton/Staat"));

  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_SUBJECT_COMMON_NAME), "Inspektion CA 2026");
  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_SUBJECT_ORGANIZATION), "Beispiel GmbH");
  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_SUBJECT_DEPARTMENT), "IT-Sicherheit");
  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_SUBJECT_CITY), "Frankfurt am Main");
  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_SUBJECT_STATE), "Hessen");

  gtk_editable_set_text (country, "DE");
  cs_test_ui_flush ();
  g_assert_cmpstr (cs_csr_page_get_country_name (page), ==, "Deutschland");
  g_assert_nonnull (cs_test_ui_find (GTK_WIDGET (country), GTK_TYPE_LABEL, "Deutschland"));
  screenshot (editor, "i18n-editor-csr.png");
  screenshot_scrolled (editor, page, "i18n-editor-csr-2.png");

  gtk_editable_set_text (country, "CH");
  cs_test_ui_flush ();
  g_assert_cmpstr (cs_csr_page_get_country_name (page), ==, "Schweiz");

  /* A lower-case code: our German message, with iso-codes' name inside. */
  gtk_editable_set_text (country, "ch");
  cs_test_ui_flush ();
  g_assert_null (cs_csr_page_get_country_name (page));
  g_assert_cmpstr (cs_csr_page_get_shown_error (page, CS_SUBJECT_COUNTRY), ==,
                   "Land muss in Großbuchstaben geschrieben werden: "
                   "Geben Sie „CH“ (Schweiz) statt „ch“ ein");
  g_assert_nonnull (cs_test_ui_find (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                     cs_csr_page_get_shown_error (page, CS_SUBJECT_COUNTRY)));
  screenshot (editor, "i18n-editor-csr-error.png");

  gtk_window_destroy (GTK_WINDOW (editor));
  cs_test_ui_flush ();
  window_close (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything calls gettext or gtk_init: GLib decides once, on the
   * first g_dgettext(), whether other domains (iso-codes) get translated. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  po_build_dir = g_getenv ("CS_PO_BUILD_DIR");
  if (po_build_dir != NULL)
    {
      catalogue_path = g_build_filename (po_build_dir, "de", "LC_MESSAGES",
                                         GETTEXT_PACKAGE ".mo", NULL);
      bindtextdomain (GETTEXT_PACKAGE, po_build_dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  if (!cs_test_ui_init (&argc, &argv))
    {
      cs_test_ui_add_skip ("/i18n/no-display");
      return g_test_run ();
    }

  /* The screenshots show the widgets at rest, not halfway through a transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/i18n/catalogue", test_i18n_catalogue);
  g_test_add_func ("/i18n/window-empty", test_i18n_window_empty);
  g_test_add_func ("/i18n/window-list", test_i18n_window_list);
  g_test_add_func ("/i18n/editor", test_i18n_editor);
  g_test_add_func ("/i18n/csr-country", test_i18n_csr_country);

  return g_test_run ();
}
