/* test-editor.c — the editor "Add Software Intermediate CA Certificate"
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the editor as a person would: types into its fields, clicks its
 * buttons, waits for the asynchronous work, and checks what the tabs show
 * and what the store holds (read again through a second store on the same
 * file). The `openssl` command signs the CSR the editor saves and checks the
 * files it writes.
 */

#include "config.h"

#include <string.h>

#include "cs-check-row.h"
#include "cs-country.h"
#include "cs-editor-private.h"
#include "cs-test-pki.h"
#include "cs-test-store.h"
#include "cs-test-ui.h"
#include "cs-window.h"

#define WAIT_MS 60000

#define NAME        "Inspection 2026"
#define CN          "Inspection CA 2026"
#define FILE_NAME   "inspection-2026"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
is_idle (gpointer data)
{
  return !cs_editor_get_busy (CS_EDITOR (data)) && !cs_editor_get_loading (CS_EDITOR (data));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
wait_idle (CsEditor *editor)
{
  cs_test_ui_wait_until (is_idle, editor, WAIT_MS);
  cs_test_ui_flush ();
}

/* The editor open_editor() opened, until it is destroyed. */
static gpointer the_editor;

static CsEditor *
open_editor_for (GtkWindow *parent,
                 CsStore   *store,
                 CsRecord  *record)
{
  CsEditor *editor = cs_editor_new (parent, store, record);

  g_assert_null (the_editor);
  the_editor = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &the_editor);
  gtk_window_present (GTK_WINDOW (editor));
  cs_test_ui_wait_until (is_mapped, editor, 5000);
  wait_idle (editor);
  return editor;
}

static CsEditor *
open_editor (CsStore  *store,
             CsRecord *record)
{
  return open_editor_for (NULL, store, record);
}

/* Waits until the editor is destroyed. */
static void
wait_closed (void)
{
  cs_test_ui_wait_until (is_null, &the_editor, WAIT_MS);
}

/* A person clicks @widget, which must be sensitive and visible. */
static void
click (gpointer widget)
{
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_assert_true (gtk_widget_is_visible (widget));
  g_signal_emit_by_name (widget, "clicked");
}

static int
current_page (CsEditor *editor)
{
  return gtk_notebook_get_current_page (cs_editor_get_notebook (editor));
}

static void
show_tab (CsEditor     *editor,
          CsEditorPage  page)
{
  gtk_notebook_set_current_page (cs_editor_get_notebook (editor), page);
  cs_test_ui_flush ();
  g_assert_cmpint (current_page (editor), ==, page);
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

/* Renders @editor once it is laid out: edits queue a new layout, and a
 * widget waiting for one renders nothing. */
static void
screenshot (CsEditor   *editor,
            const char *name)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (GTK_WIDGET (editor), count_frame_cb, &frames, NULL);

  gtk_widget_queue_draw (GTK_WIDGET (editor));
  cs_test_ui_wait_until (two_frames, &frames, 5000);
  gtk_widget_remove_tick_callback (GTK_WIDGET (editor), id);
  cs_test_ui_flush ();
  cs_test_ui_save_png (GTK_WIDGET (editor), name);
}

/* Renders @editor once more with @page scrolled @fraction of the way down. */
static void
screenshot_scrolled (CsEditor   *editor,
                     gpointer    page,
                     double      fraction,
                     const char *name)
{
  GtkWidget *scrolled = cs_test_ui_find (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment,
                            fraction * (gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment)));
  screenshot (editor, name);
  gtk_adjustment_set_value (adjustment, 0);
}

static GtkWidget *
tab_label (CsEditor     *editor,
           CsEditorPage  page)
{
  GtkNotebook *notebook = cs_editor_get_notebook (editor);

  return gtk_notebook_get_tab_label (notebook, gtk_notebook_get_nth_page (notebook, page));
}

static char *
text_view_text (GtkTextView *view)
{
  return cs_editor_dup_text_view (view);
}

static gboolean
has_message_dialog (gpointer data)
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

/* The question @editor asks now: waits for it. */
static AdwMessageDialog *
find_message_dialog (CsEditor *editor)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  cs_test_ui_wait_until (has_message_dialog, editor, 5000);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (editor))
        return ADW_MESSAGE_DIALOG (window);
    }
  g_assert_not_reached ();
}

static void
answer (CsEditor   *editor,
        const char *heading,
        const char *response)
{
  AdwMessageDialog *dialog = find_message_dialog (editor);

  GtkWidget *button;

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  button = cs_test_ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON,
                            adw_message_dialog_get_response_label (dialog, response));
  g_assert_nonnull (button);
  click (button);
  cs_test_ui_flush ();
}

/* The row of the check @id in the report list, or NULL. */
static CsCheckRow *
find_check_row (CsUploadPage *page,
                const char   *id)
{
  GtkListBox *list = cs_upload_page_get_report_list (page);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (row == NULL)
        return NULL;
      if (g_str_equal (cs_check_get_id (cs_check_row_get_check (CS_CHECK_ROW (row))), id))
        return CS_CHECK_ROW (row);
    }
}

static void
assert_check_shown (CsUploadPage *page,
                    const char   *id,
                    const char   *icon)
{
  CsCheckRow *row = find_check_row (page, id);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpstr (cs_check_row_get_icon_name (row), ==, icon);
  g_assert_cmpstr (cs_check_row_get_message (row), ==, cs_check_get_message (cs_check_row_get_check (row)));
  g_assert_cmpstr (cs_check_row_get_message (row), !=, "");
}

static void
upload (CsEditor   *editor,
        const char *name,
        gboolean    chain)
{
  CsUploadPage *page = cs_editor_get_upload_page (editor);
  g_autofree char *path = cs_test_pki_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (chain)
    cs_upload_page_upload_chain (page, file);
  else
    cs_upload_page_upload_certificate (page, file);
  g_assert_true (cs_upload_page_get_busy (page));
  wait_idle (editor);
  g_assert_nonnull (cs_upload_page_get_summary (page));
}

/* Drops the file @name on the upload tab, as from a file manager. */
static void
drop (CsEditor   *editor,
      const char *name)
{
  CsUploadPage *page = cs_editor_get_upload_page (editor);
  g_autofree char *path = cs_test_pki_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 1));
  g_signal_emit_by_name (cs_upload_page_get_drop_target (page), "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);
  g_assert_true (cs_upload_page_get_busy (page));
  wait_idle (editor);
}

static char *
run_sh (const char *line)
{
  const char *argv[] = { "sh", "-c", line, NULL };
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = cs_test_spawn (argv, NULL, &out, &err);

  if (status != 0)
    g_error ("“%s” failed: %s", line, err);
  return out;
}

static CsRecord *
reopen_record (CsStore    *store,
               CsStore   **second,
               const char *name)
{
  *second = cs_test_store_open (cs_store_get_path (store));
  return cs_store_lookup_by_name (*second, name);
}

/* ------------------------------------------------------------------ */
/* The whole flow                                                      */
/* ------------------------------------------------------------------ */

static void
check_general (CsEditor *editor,
               CsStore  *store)
{
  CsGeneralPage *general = cs_editor_get_general_page (editor);
  GtkEditable *name = cs_general_page_get_name_entry (general);
  g_autofree char *duplicate = NULL;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Add Software Intermediate CA Certificate");
  g_assert_cmpint (gtk_notebook_get_n_pages (cs_editor_get_notebook (editor)), ==, CS_EDITOR_N_PAGES);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tab_label (editor, CS_EDITOR_PAGE_UPLOAD))), ==,
                   "Upload Intermediate Certificate");
  g_assert_false (gtk_widget_get_sensitive (tab_label (editor, CS_EDITOR_PAGE_KEY_PAIR)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (tab_label (editor, CS_EDITOR_PAGE_KEY_PAIR)), ==,
                   "Enter a unique name first");
  g_assert_false (gtk_widget_get_sensitive (cs_editor_get_next_button (editor)));

  /* A name another certificate has: refused as typed, nothing created. */
  gtk_editable_set_text (name, "Existing");
  duplicate = g_strdup_printf ("Another certificate is already named “%s”; choose another name.", "Existing");
  g_assert_cmpstr (cs_general_page_get_shown_error (general), ==, duplicate);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name), "error"));
  g_assert_false (gtk_widget_get_sensitive (cs_editor_get_next_button (editor)));
  g_assert_cmpuint (g_list_model_get_n_items (cs_store_get_records (store)), ==, 1);
  screenshot (editor, "editor-general-duplicate.png");

  gtk_editable_set_text (name, "");
  g_assert_nonnull (cs_general_page_get_shown_error (general));

  gtk_editable_set_text (name, "  " NAME " ");
  cs_editor_set_text_view (cs_general_page_get_description_view (general), "The proxy of the head office.");
  g_assert_null (cs_general_page_get_shown_error (general));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (name), "error"));
  g_assert_true (gtk_widget_get_sensitive (cs_editor_get_next_button (editor)));
  g_assert_true (gtk_switch_get_active (cs_general_page_get_status_switch (general)));
  screenshot (editor, "editor-general.png");
}

static CsRecord *
leave_general (CsEditor *editor,
               CsStore  *store)
{
  CsRecord *record;

  click (cs_editor_get_next_button (editor));
  wait_idle (editor);
  g_assert_cmpint (current_page (editor), ==, CS_EDITOR_PAGE_KEY_PAIR);

  record = cs_store_lookup_by_name (store, NAME);
  g_assert_nonnull (record);
  g_assert_true (cs_editor_get_record (editor) == record);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_GENERAL_DONE);
  g_assert_cmpstr (cs_record_get_description (record), ==, "The proxy of the head office.");
  g_assert_true (cs_record_get_enabled (record));
  return record;
}

static void
check_key_pair (CsEditor *editor,
                CsRecord *record)
{
  CsKeyPairPage *page = cs_editor_get_key_pair_page (editor);
  g_autofree char *pem = NULL;
  g_autofree char *path = cs_test_pki_path ("public.pem");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *saved = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *expected = NULL;

  g_assert_false (gtk_widget_get_sensitive (tab_label (editor, CS_EDITOR_PAGE_CSR)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (tab_label (editor, CS_EDITOR_PAGE_CSR)), ==,
                   "Generate the key pair first");
  g_assert_cmpstr (cs_editor_get_status_text (editor), ==, "Generate the key pair first");
  g_assert_cmpuint (adw_combo_row_get_selected (cs_key_pair_page_get_key_type_row (page)), ==,
                    CS_KEY_TYPE_RSA_2048);
  screenshot (editor, "editor-key-pair-empty.png");

  click (cs_key_pair_page_get_generate_button (page));
  g_assert_true (cs_key_pair_page_get_generating (page));
  g_assert_cmpstr (cs_key_pair_page_get_progress_text (page), ==, "Generating an RSA 2048 key…");
  wait_idle (editor);

  g_assert_true (cs_record_get_has_key (record));
  g_assert_cmpint (cs_record_get_key_type (record), ==, CS_KEY_TYPE_RSA_2048);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_KEYGEN_DONE);
  pem = text_view_text (cs_key_pair_page_get_public_key_view (page));
  g_assert_cmpstr (pem, ==, cs_record_get_public_key (record));
  g_assert_cmpstr (cs_key_pair_page_get_fingerprint_text (page), ==, cs_record_get_key_fingerprint (record));
  g_assert_true (gtk_widget_get_sensitive (tab_label (editor, CS_EDITOR_PAGE_CSR)));

  /* Download Public Key: openssl reads the file as a 2048-bit RSA key with
   * the fingerprint shown. */
  cs_key_pair_page_save_public_key (page, file);
  wait_idle (editor);
  saved = cs_test_pki_read ("public.pem");
  g_assert_cmpstr (saved, ==, pem);
  line = g_strdup_printf ("openssl pkey -pubin -in '%s' -noout -text", path);
  text = run_sh (line);
  g_assert_nonnull (strstr (text, "2048 bit"));
  g_free (line);
  line = g_strdup_printf ("openssl pkey -pubin -in '%s' -outform DER | openssl dgst -sha256 -r", path);
  digest = run_sh (line);
  expected = g_ascii_strdown (cs_record_get_key_fingerprint (record), -1);
  g_strdelimit (expected, ":", ' ');
  g_assert_nonnull (expected);
  {
    g_auto(GStrv) pairs = g_strsplit (expected, " ", -1);
    g_autofree char *hex = g_strjoinv ("", pairs);

    g_assert_true (g_str_has_prefix (digest, hex));
  }

  screenshot (editor, "editor-key-pair.png");
  screenshot_scrolled (editor, page, 1, "editor-key-pair-2.png");
  click (cs_editor_get_next_button (editor));
  g_assert_cmpint (current_page (editor), ==, CS_EDITOR_PAGE_CSR);
}

static void
fill_csr (CsCsrPage *page)
{
  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_CSR_PAGE_FILE_NAME), FILE_NAME);
  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_SUBJECT_COMMON_NAME), CN);
  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_SUBJECT_ORGANIZATION), "Example Org");
  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_SUBJECT_DEPARTMENT), "Security");
  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_SUBJECT_CITY), "Berlin");
  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_SUBJECT_STATE), "Berlin");
}

static void
assert_field_refused (CsEditor       *editor,
                      CsRecord       *record,
                      CsSubjectField  field,
                      const char     *value)
{
  CsCsrPage *page = cs_editor_get_csr_page (editor);
  GtkEditable *entry = cs_csr_page_get_entry (page, field);
  g_autoptr(GError) error = NULL;

  gtk_editable_set_text (entry, value);
  g_assert_false (cs_subject_field_validate (field, value, &error));
  g_assert_cmpstr (cs_csr_page_get_shown_error (page, field), ==, error->message);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (cs_csr_page_get_generate_button (page))));
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_KEYGEN_DONE);
}

static void
check_csr_refusals (CsEditor *editor,
                    CsRecord *record)
{
  CsCsrPage *page = cs_editor_get_csr_page (editor);
  GtkEditable *country = cs_csr_page_get_entry (page, CS_SUBJECT_COUNTRY);

  g_assert_nonnull (strstr (cs_csr_page_get_key_size_text (page), "2048"));
  g_assert_cmpstr (gtk_editable_get_text (cs_csr_page_get_entry (page, CS_CSR_PAGE_FILE_NAME)), ==, NAME);
  fill_csr (page);

  /* A bad country: its message at the field, Generate insensitive. */
  assert_field_refused (editor, record, CS_SUBJECT_COUNTRY, "XX");
  g_assert_null (cs_csr_page_get_country_name (page));
  assert_field_refused (editor, record, CS_SUBJECT_COUNTRY, "de");
  screenshot (editor, "editor-csr-bad-country.png");

  gtk_editable_set_text (country, "DE");
  g_assert_null (cs_csr_page_get_shown_error (page, CS_SUBJECT_COUNTRY));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (country), "error"));
  g_assert_cmpstr (cs_csr_page_get_country_name (page), ==, cs_country_get_name ("DE"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (cs_csr_page_get_generate_button (page))));

  /* An empty Common Name: the same. */
  assert_field_refused (editor, record, CS_SUBJECT_COMMON_NAME, "");
  gtk_editable_set_text (cs_csr_page_get_entry (page, CS_SUBJECT_COMMON_NAME), CN);
  g_assert_null (cs_csr_page_get_shown_error (page, CS_SUBJECT_COMMON_NAME));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (cs_csr_page_get_generate_button (page))));
}

static void
check_csr (CsEditor *editor,
           CsStore  *store,
           CsRecord *record)
{
  CsCsrPage *page = cs_editor_get_csr_page (editor);
  g_autoptr(CsRecordDetails) details = NULL;
  g_autoptr(CsCsrInfo) info = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *instructions = NULL;
  g_autofree char *path = cs_test_pki_path (FILE_NAME ".csr");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *line = NULL;
  g_autofree char *subject = NULL;

  g_assert_cmpuint (adw_combo_row_get_selected (cs_csr_page_get_digest_row (page)), ==, CS_DIGEST_SHA256);
  g_assert_cmpuint (adw_combo_row_get_selected (cs_csr_page_get_path_length_row (page)), ==, 1);

  click (cs_csr_page_get_generate_button (page));
  wait_idle (editor);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CSRGEN_DONE);
  g_assert_cmpstr (cs_record_get_common_name (record), ==, CN);
  g_assert_cmpstr (cs_record_get_country (record), ==, "DE");
  g_assert_cmpstr (cs_record_get_csr_file_name (record), ==, FILE_NAME);
  g_assert_cmpint (cs_record_get_path_length_constraint (record), ==, 1);

  /* The decoded request shown is the stored one's. */
  details = cs_store_load_details_sync (store, record, NULL, NULL);
  info = cs_csr_info_new_from_pem (cs_record_details_get_csr_pem (details), -1, NULL);
  expected = cs_csr_info_to_text (info);
  decoded = text_view_text (cs_csr_page_get_decoded_view (page));
  g_assert_cmpstr (decoded, ==, expected);
  g_assert_nonnull (strstr (decoded, CN));
  instructions = text_view_text (cs_csr_page_get_instructions_view (page));
  g_assert_nonnull (strstr (instructions, "basicConstraints=critical,CA:TRUE,pathlen:1"));
  g_assert_nonnull (strstr (instructions, FILE_NAME ".csr"));
  g_assert_nonnull (strstr (instructions, "SubCA"));

  /* CSR for Custom Certificate: openssl verifies the saved request. */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (cs_csr_page_get_download_button (page))));
  cs_csr_page_save_csr (page, file);
  wait_idle (editor);
  line = g_strdup_printf ("openssl req -in '%s' -noout -verify -subject -nameopt RFC2253", path);
  subject = run_sh (line);
  g_assert_nonnull (strstr (subject, "CN=" CN ",OU=Security,O=Example Org,L=Berlin,ST=Berlin,C=DE"));

  screenshot (editor, "editor-csr.png");
  screenshot_scrolled (editor, page, 0.3, "editor-csr-2.png");
  screenshot_scrolled (editor, page, 1, "editor-csr-3.png");
  click (cs_editor_get_next_button (editor));
  g_assert_cmpint (current_page (editor), ==, CS_EDITOR_PAGE_UPLOAD);
}

static void
make_certificates (void)
{
  g_autofree char *root = NULL;
  g_autofree char *chain = NULL;

  cs_test_pki_make_root ("editor-root", "/CN=Editor Test Root/O=Example Org", "ec:P-256", NULL, 3650);
  cs_test_pki_make_ca ("editor-mid", "/CN=Editor Test Middle/O=Example Org", "editor-root",
                       CS_TEST_PKI_CA_LINES (2), 3000);
  cs_test_pki_sign ("editor-mid", FILE_NAME ".csr", CS_TEST_PKI_CA_LINES (1), NULL, "intermediate.pem");

  /* A certificate of another key, with the same subject. */
  cs_test_pki_make_key ("other.key", "rsa:2048");
  cs_test_pki_make_csr ("other.key", "/CN=" CN "/O=Example Org/C=DE", "other.csr");
  cs_test_pki_sign ("editor-mid", "other.csr", CS_TEST_PKI_CA_LINES (1), NULL, "other.pem");

  /* A certificate of the right key that is no CA. */
  cs_test_pki_sign ("editor-mid", FILE_NAME ".csr",
                    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n",
                    NULL, "not-ca.pem");

  /* A chain with a broken link: the root without the middle CA. */
  root = cs_test_pki_read ("editor-root.pem");
  cs_test_pki_write ("broken-chain.pem", root);
  chain = cs_test_pki_cat ("editor-mid.pem", "editor-root.pem", NULL);
  cs_test_pki_write ("chain.pem", chain);
}

static void
assert_refused (CsEditor      *editor,
                CsRecord      *record,
                CsRecordState  state,
                const char    *check)
{
  CsUploadPage *page = cs_editor_get_upload_page (editor);
  CsInspectionReport *report = cs_upload_page_get_report (page);

  g_assert_nonnull (report);
  g_assert_false (cs_inspection_report_get_accepted (report));
  g_assert_nonnull (strstr (cs_upload_page_get_summary (page), "was refused"));
  g_assert_nonnull (strstr (cs_upload_page_get_summary (page), "Nothing was changed"));
  assert_check_shown (page, check, "dialog-error-symbolic");
  g_assert_cmpint (cs_record_get_current_state (record), ==, state);
}

static void
check_upload (CsEditor *editor,
              CsRecord *record)
{
  CsUploadPage *page = cs_editor_get_upload_page (editor);

  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (cs_upload_page_get_chain_button (page))));
  g_assert_cmpstr (cs_upload_page_get_chain_text (page), ==, "Upload the certificate first");
  make_certificates ();

  upload (editor, "other.pem", FALSE);
  assert_refused (editor, record, CS_RECORD_STATE_CSRGEN_DONE, CS_CHECK_ID_KEY);
  upload (editor, "not-ca.pem", FALSE);
  assert_refused (editor, record, CS_RECORD_STATE_CSRGEN_DONE, CS_CHECK_ID_CA);
  assert_check_shown (page, CS_CHECK_ID_KEY, "emblem-ok-symbolic");
  screenshot_scrolled (editor, page, 0.5, "editor-upload-refused.png");

  drop (editor, "intermediate.pem");
  g_assert_true (cs_inspection_report_get_accepted (cs_upload_page_get_report (page)));
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_INTCERT_UPLOAD_DONE);
  g_assert_cmpstr (cs_record_get_uploaded_cert_file_name (record), ==, "intermediate.pem");
  g_assert_true (g_str_has_prefix (cs_upload_page_get_certificate_text (page), "intermediate.pem, valid from"));
  assert_check_shown (page, CS_CHECK_ID_KEY, "emblem-ok-symbolic");
  assert_check_shown (page, CS_CHECK_ID_CHAIN, "dialog-warning-symbolic");

  /* A refused replacement keeps the stored certificate, and shows it. */
  upload (editor, "not-ca.pem", FALSE);
  assert_refused (editor, record, CS_RECORD_STATE_INTCERT_UPLOAD_DONE, CS_CHECK_ID_CA);
  g_assert_nonnull (strstr (cs_upload_page_get_summary (page),
                            "Nothing was changed: the certificate stored before is kept."));
  g_assert_cmpstr (cs_record_get_uploaded_cert_file_name (record), ==, "intermediate.pem");
  g_assert_true (g_str_has_prefix (cs_upload_page_get_certificate_text (page), "intermediate.pem, valid from"));

  upload (editor, "broken-chain.pem", TRUE);
  assert_refused (editor, record, CS_RECORD_STATE_INTCERT_UPLOAD_DONE, CS_CHECK_ID_CHAIN);
  g_assert_false (cs_record_get_has_chain (record));

  upload (editor, "chain.pem", TRUE);
  g_assert_true (cs_inspection_report_get_accepted (cs_upload_page_get_report (page)));
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE);
  assert_check_shown (page, CS_CHECK_ID_CHAIN, "emblem-ok-symbolic");
  assert_check_shown (page, CS_CHECK_ID_DRY_RUN, "emblem-ok-symbolic");
  g_assert_cmpstr (cs_upload_page_get_chain_text (page), ==, "chain.pem, with the root");
  screenshot (editor, "editor-upload.png");
  screenshot_scrolled (editor, page, 1, "editor-upload-2.png");

  click (cs_editor_get_next_button (editor));
  g_assert_cmpint (current_page (editor), ==, CS_EDITOR_PAGE_REVIEW);
}

static void
check_review (CsEditor *editor,
              CsRecord *record)
{
  CsReviewPage *page = cs_editor_get_review_page (editor);
  GtkWidget *edit;
  GtkSwitch *make_default = cs_review_page_get_default_switch (page);

  g_assert_cmpstr (cs_review_page_get_value (page, "Name"), ==, NAME);
  g_assert_cmpstr (cs_review_page_get_value (page, "Key Type"), ==, "RSA 2048");
  g_assert_cmpstr (cs_review_page_get_value (page, "CSR File Name"), ==, FILE_NAME ".csr");
  g_assert_nonnull (strstr (cs_review_page_get_value (page, "Subject"), CN));
  g_assert_cmpstr (cs_review_page_get_value (page, "Certificate"), ==, "intermediate.pem");
  g_assert_cmpstr (cs_review_page_get_value (page, "Chain"), ==, "chain.pem");
  g_assert_true (gtk_widget_get_visible (cs_editor_get_save_button (editor)));

  /* Edit goes back to General; a change there shows on Review. */
  edit = cs_test_ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, "_Edit");
  click (edit);
  g_assert_cmpint (current_page (editor), ==, CS_EDITOR_PAGE_GENERAL);
  cs_editor_set_text_view (cs_general_page_get_description_view (cs_editor_get_general_page (editor)),
                           "Intercepts the head office’s outbound TLS.");
  show_tab (editor, CS_EDITOR_PAGE_REVIEW);
  g_assert_cmpstr (cs_review_page_get_value (page, "Description"), ==, "Intercepts the head office’s outbound TLS.");
  g_assert_cmpstr (cs_record_get_description (record), ==, "The proxy of the head office.");

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (make_default)));
  gtk_switch_set_active (make_default, TRUE);
  g_assert_true (cs_review_page_get_make_default (page));
  screenshot (editor, "editor-review.png");
  screenshot_scrolled (editor, page, 1, "editor-review-2.png");
}

static void
test_editor_flow (void)
{
  g_autoptr(CsStore) store = cs_test_store_open (NULL);
  g_autoptr(CsRecord) existing = cs_test_store_add (store, "Existing");
  g_autoptr(CsStore) second = NULL;
  CsRecord *record;
  CsRecord *stored;
  CsEditor *editor;

  editor = open_editor (store, NULL);
  check_general (editor, store);
  record = leave_general (editor, store);
  check_key_pair (editor, record);
  check_csr_refusals (editor, record);
  check_csr (editor, store, record);
  check_upload (editor, record);
  check_review (editor, record);

  click (cs_editor_get_save_button (editor));
  wait_closed ();

  /* Saved: ready, the default, the description changed on General. */
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CERT_READY);
  g_assert_true (cs_record_get_default_certificate (record));
  g_assert_cmpuint (cs_store_get_n_pending_changes (store), >, 0);

  stored = reopen_record (store, &second, NAME);
  g_assert_nonnull (stored);
  g_assert_cmpint (cs_record_get_current_state (stored), ==, CS_RECORD_STATE_CERT_READY);
  g_assert_true (cs_record_get_default_certificate (stored));
  g_assert_true (cs_record_get_enabled (stored));
  g_assert_cmpstr (cs_record_get_description (stored), ==, "Intercepts the head office’s outbound TLS.");
  g_assert_cmpstr (cs_record_get_common_name (stored), ==, CN);
  g_assert_cmpstr (cs_record_get_csr_file_name (stored), ==, FILE_NAME);
  g_assert_cmpstr (cs_record_get_uploaded_cert_file_name (stored), ==, "intermediate.pem");
  g_assert_true (cs_record_get_has_chain (stored));
  g_assert_true (cs_record_get_has_root (stored));
  g_assert_cmpint (cs_record_get_key_type (stored), ==, CS_KEY_TYPE_RSA_2048);
  g_assert_false (cs_record_get_default_certificate (cs_store_lookup_by_name (second, "Existing")));
}

/* ------------------------------------------------------------------ */
/* Key generation: the window stays responsive, and Cancel works       */
/* ------------------------------------------------------------------ */

typedef struct
{
  CsKeyPairPage *page;
  guint          ticks;     /* while the key was being generated */
} Ticker;

static gboolean
tick_cb (gpointer data)
{
  Ticker *ticker = data;

  if (cs_key_pair_page_get_generating (ticker->page))
    ticker->ticks++;
  return G_SOURCE_CONTINUE;
}

static gboolean
ticked_or_done (gpointer data)
{
  Ticker *ticker = data;

  return ticker->ticks > 0 || !cs_key_pair_page_get_generating (ticker->page);
}

static void
test_editor_generation_cancel (void)
{
  g_autoptr(CsStore) store = cs_test_store_open (NULL);
  g_autoptr(CsStore) second = NULL;
  CsEditor *editor = open_editor (store, NULL);
  CsKeyPairPage *page = cs_editor_get_key_pair_page (editor);
  Ticker ticker = { page, 0 };
  CsRecord *record;
  CsRecord *stored;
  guint id;

  gtk_editable_set_text (cs_general_page_get_name_entry (cs_editor_get_general_page (editor)), "Big Key");
  click (cs_editor_get_next_button (editor));
  wait_idle (editor);
  record = cs_editor_get_record (editor);
  g_assert_nonnull (record);

  adw_combo_row_set_selected (cs_key_pair_page_get_key_type_row (page), CS_KEY_TYPE_RSA_4096);
  id = g_timeout_add (10, tick_cb, &ticker);
  click (cs_key_pair_page_get_generate_button (page));
  g_assert_cmpstr (cs_key_pair_page_get_progress_text (page), ==, "Generating an RSA 4096 key…");

  /* The main loop runs on while the key is made. */
  cs_test_ui_wait_until (ticked_or_done, &ticker, WAIT_MS);
  g_assert_cmpuint (ticker.ticks, >, 0);
  g_assert_true (cs_key_pair_page_get_generating (page));
  g_assert_cmpstr (cs_editor_get_status_text (editor), ==, "Generating the key pair…");
  g_assert_false (gtk_widget_get_sensitive (cs_editor_get_next_button (editor)));
  screenshot (editor, "editor-key-pair-generating.png");

  click (cs_key_pair_page_get_cancel_button (page));
  wait_idle (editor);
  g_source_remove (id);
  g_assert_false (cs_key_pair_page_get_generating (page));
  g_assert_false (cs_record_get_has_key (record));
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_GENERAL_DONE);
  stored = reopen_record (store, &second, "Big Key");
  g_assert_nonnull (stored);
  g_assert_false (cs_record_get_has_key (stored));
  g_assert_cmpint (cs_record_get_current_state (stored), ==, CS_RECORD_STATE_GENERAL_DONE);
  g_clear_object (&second);

  /* Closing the editor while a key is made drops the key; the draft stays. */
  {
    gpointer page_alive = page;

    g_object_add_weak_pointer (G_OBJECT (page), &page_alive);
    click (cs_key_pair_page_get_generate_button (page));
    gtk_window_close (GTK_WINDOW (editor));
    answer (editor, "Keep the Draft?", "keep");
    wait_closed ();
    cs_test_ui_wait_until (is_null, &page_alive, WAIT_MS);
  }
  g_assert_false (cs_record_get_has_key (record));
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_GENERAL_DONE);

  /* Opened again and closed, a kept draft is not asked about. */
  editor = open_editor (store, record);
  g_assert_cmpint (current_page (editor), ==, CS_EDITOR_PAGE_KEY_PAIR);
  gtk_window_close (GTK_WINDOW (editor));
  wait_closed ();

  /* Closing a new draft offers to delete it. */
  editor = open_editor (store, NULL);
  gtk_editable_set_text (cs_general_page_get_name_entry (cs_editor_get_general_page (editor)), "Doomed");
  click (cs_editor_get_next_button (editor));
  wait_idle (editor);
  record = cs_store_lookup_by_name (store, "Doomed");
  g_assert_nonnull (record);
  gtk_window_close (GTK_WINDOW (editor));
  answer (editor, "Keep the Draft?", "delete");
  wait_closed ();
  g_assert_null (cs_store_lookup_by_name (store, "Doomed"));
  stored = reopen_record (store, &second, "Doomed");
  g_assert_null (stored);
  g_assert_nonnull (cs_store_lookup_by_name (second, "Big Key"));
}

/* ------------------------------------------------------------------ */
/* A ready certificate                                                 */
/* ------------------------------------------------------------------ */

static void
check_ready_tabs (CsEditor *editor,
                  CsRecord *record)
{
  CsKeyPairPage *key_pair = cs_editor_get_key_pair_page (editor);
  CsCsrPage *csr = cs_editor_get_csr_page (editor);
  CsUploadPage *upload_page = cs_editor_get_upload_page (editor);
  GtkWidget *pending;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Ready One");
  g_assert_cmpstr (gtk_editable_get_text (cs_general_page_get_name_entry (cs_editor_get_general_page (editor))),
                   ==, "Ready One");

  show_tab (editor, CS_EDITOR_PAGE_KEY_PAIR);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (cs_key_pair_page_get_generate_button (key_pair))));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (cs_key_pair_page_get_key_type_row (key_pair))));
  g_assert_cmpuint (adw_combo_row_get_selected (cs_key_pair_page_get_key_type_row (key_pair)), ==,
                    cs_record_get_key_type (record));

  show_tab (editor, CS_EDITOR_PAGE_CSR);
  g_assert_cmpstr (gtk_editable_get_text (cs_csr_page_get_entry (csr, CS_SUBJECT_COMMON_NAME)), ==, "Ready One");
  g_assert_false (gtk_editable_get_editable (cs_csr_page_get_entry (csr, CS_SUBJECT_COMMON_NAME)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (cs_csr_page_get_generate_button (csr))));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (cs_csr_page_get_download_button (csr))));
  wait_idle (editor);

  show_tab (editor, CS_EDITOR_PAGE_UPLOAD);
  g_assert_cmpstr (gtk_button_get_label (cs_upload_page_get_certificate_button (upload_page)), ==,
                   "_Replace Certificate…");
  g_assert_cmpstr (gtk_button_get_label (cs_upload_page_get_chain_button (upload_page)), ==,
                   "Replace _Chain…");
  pending = cs_test_ui_find (GTK_WIDGET (upload_page), ADW_TYPE_ACTION_ROW, "Pending Until Activation");
  g_assert_nonnull (pending);
  g_assert_true (gtk_widget_is_visible (pending));
  screenshot (editor, "editor-upload-ready.png");

  show_tab (editor, CS_EDITOR_PAGE_REVIEW);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (cs_review_page_get_default_switch (cs_editor_get_review_page (editor)))));
  screenshot_scrolled (editor, cs_editor_get_review_page (editor), 1, "editor-review-ready.png");
}

static void
test_editor_ready_record (void)
{
  g_autoptr(CsStore) store = cs_test_store_open (NULL);
  g_autoptr(CsRecord) record = cs_test_store_add (store, "Ready One");
  g_autoptr(CsStore) second = NULL;
  CsEditor *editor;
  GtkEditable *name;
  CsRecord *stored;

  cs_test_store_make_ready (store, record);
  editor = open_editor (store, record);
  check_ready_tabs (editor, record);

  /* Closing with an edit asks; Discard Edits keeps the store as it was. */
  show_tab (editor, CS_EDITOR_PAGE_GENERAL);
  name = cs_general_page_get_name_entry (cs_editor_get_general_page (editor));
  gtk_editable_set_text (name, "Ready Renamed");
  gtk_window_close (GTK_WINDOW (editor));
  answer (editor, "Save Your Changes?", "discard");
  wait_closed ();
  g_assert_cmpstr (cs_record_get_name (record), ==, "Ready One");

  /* Save in that question saves. */
  editor = open_editor (store, record);
  cs_editor_set_text_view (cs_general_page_get_description_view (cs_editor_get_general_page (editor)),
                           "Renewed in 2026.");
  gtk_window_close (GTK_WINDOW (editor));
  answer (editor, "Save Your Changes?", "save");
  wait_closed ();
  stored = reopen_record (store, &second, "Ready One");
  g_assert_nonnull (stored);
  g_assert_cmpstr (cs_record_get_description (stored), ==, "Renewed in 2026.");
  g_assert_cmpint (cs_record_get_current_state (stored), ==, CS_RECORD_STATE_CERT_READY);
  g_assert_false (cs_record_get_default_certificate (stored));
}

/* A page given the same record again keeps following it: a key pair made
 * elsewhere (the CLI, another window) shows up on the Key Pair tab. */
static void
test_editor_same_record_again (void)
{
  g_autoptr(CsStore) store = cs_test_store_open (NULL);
  g_autoptr(CsRecord) record = cs_test_store_add (store, "Followed");
  g_autoptr(GError) error = NULL;
  CsKeyPairPage *page;
  CsEditor *editor;

  editor = open_editor (store, record);
  page = cs_editor_get_key_pair_page (editor);
  cs_key_pair_page_set_record (page, record);
  g_assert_cmpstr (cs_key_pair_page_get_fingerprint_text (page), !=,
                   cs_record_get_key_fingerprint (record));

  g_assert_true (cs_store_generate_key_pair_sync (store, record, CS_KEY_TYPE_EC_P256, FALSE,
                                                  NULL, &error));
  g_assert_no_error (error);
  cs_test_ui_flush ();
  g_assert_cmpstr (cs_key_pair_page_get_fingerprint_text (page), ==,
                   cs_record_get_key_fingerprint (record));

  gtk_window_close (GTK_WINDOW (editor));
  wait_closed ();
}

/* Ctrl+Page Down/Up (editor.next-tab / editor.previous-tab) move between the
 * tabs wherever the focus is, and a locked tab stays locked. */
static void
test_editor_tab_keys (void)
{
  g_autoptr(CsStore) store = cs_test_store_open (NULL);
  g_autoptr(CsRecord) record = cs_test_store_add (store, "Tabbed");
  CsEditor *editor;

  editor = open_editor (store, record);
  /* A draft opens on its next step. */
  g_assert_cmpint (current_page (editor), ==, CS_EDITOR_PAGE_KEY_PAIR);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.previous-tab", NULL));
  cs_test_ui_flush ();
  g_assert_cmpint (current_page (editor), ==, CS_EDITOR_PAGE_GENERAL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.next-tab", NULL));
  cs_test_ui_flush ();
  g_assert_cmpint (current_page (editor), ==, CS_EDITOR_PAGE_KEY_PAIR);

  /* Generate CSR needs a key pair first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.next-tab", NULL));
  cs_test_ui_flush ();
  g_assert_cmpint (current_page (editor), ==, CS_EDITOR_PAGE_KEY_PAIR);

  gtk_window_close (GTK_WINDOW (editor));
  wait_closed ();
}

/* ------------------------------------------------------------------ */
/* Regenerating a draft's key pair or CSR asks first                   */
/* ------------------------------------------------------------------ */

static void
test_editor_regenerate (void)
{
  g_autoptr(CsStore) store = cs_test_store_open (NULL);
  g_autoptr(CsRecord) record = cs_test_store_add (store, "Regenerated");
  g_autoptr(GError) error = NULL;
  g_autofree char *certificate = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *old_fingerprint = NULL;
  CsKeyPairPage *key_pair;
  CsCsrPage *csr;
  CsEditor *editor;

  /* A draft with its certificate uploaded. */
  cs_test_store_make_pki ();
  cs_test_store_add_csr (store, record);
  certificate = cs_test_store_sign (store, record, "issuing");
  bytes = cs_test_pki_read_bytes (certificate);
  cs_store_upload_certificate_sync (store, record, bytes, certificate, NULL, NULL, &error);
  g_assert_no_error (error);

  editor = open_editor (store, record);
  g_assert_cmpint (current_page (editor), ==, CS_EDITOR_PAGE_UPLOAD);
  csr = cs_editor_get_csr_page (editor);
  key_pair = cs_editor_get_key_pair_page (editor);

  /* A new CSR discards the certificate: asked, refused, nothing changes. */
  show_tab (editor, CS_EDITOR_PAGE_CSR);
  gtk_editable_set_text (cs_csr_page_get_entry (csr, CS_SUBJECT_DEPARTMENT), "Renewed");
  click (cs_csr_page_get_generate_button (csr));
  answer (editor, "Generate a New CSR?", "cancel");
  wait_idle (editor);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_INTCERT_UPLOAD_DONE);
  g_assert_cmpstr (cs_record_get_department (record), ==, "");

  click (cs_csr_page_get_generate_button (csr));
  answer (editor, "Generate a New CSR?", "confirm");
  wait_idle (editor);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_CSRGEN_DONE);
  g_assert_cmpstr (cs_record_get_department (record), ==, "Renewed");
  g_assert_cmpstr (cs_record_get_uploaded_cert_file_name (record), ==, "");
  g_assert_cmpstr (cs_upload_page_get_certificate_text (cs_editor_get_upload_page (editor)), ==,
                   "Not uploaded yet");

  /* A new key pair discards the CSR: asked, confirmed, the CSR tab locks. */
  show_tab (editor, CS_EDITOR_PAGE_KEY_PAIR);
  old_fingerprint = g_strdup (cs_record_get_key_fingerprint (record));
  g_assert_cmpstr (gtk_button_get_label (cs_key_pair_page_get_generate_button (key_pair)), ==,
                   "_Regenerate Key Pair");
  click (cs_key_pair_page_get_generate_button (key_pair));
  answer (editor, "Regenerate the Key Pair?", "cancel");
  wait_idle (editor);
  g_assert_cmpstr (cs_record_get_key_fingerprint (record), ==, old_fingerprint);

  click (cs_key_pair_page_get_generate_button (key_pair));
  answer (editor, "Regenerate the Key Pair?", "confirm");
  wait_idle (editor);
  g_assert_cmpint (cs_record_get_current_state (record), ==, CS_RECORD_STATE_KEYGEN_DONE);
  g_assert_cmpstr (cs_record_get_key_fingerprint (record), !=, old_fingerprint);
  g_assert_false (gtk_widget_get_sensitive (tab_label (editor, CS_EDITOR_PAGE_UPLOAD)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (tab_label (editor, CS_EDITOR_PAGE_UPLOAD)), ==,
                   "Generate the CSR first");
  g_assert_cmpstr (gtk_editable_get_text (cs_csr_page_get_entry (csr, CS_SUBJECT_COMMON_NAME)), ==, "");

  /* An opened draft closes without asking: it was kept before. */
  gtk_window_close (GTK_WINDOW (editor));
  wait_closed ();
  g_assert_nonnull (cs_store_lookup_by_name (store, "Regenerated"));
}

/* ------------------------------------------------------------------ */
/* With the main window                                                */
/* ------------------------------------------------------------------ */

static gboolean
list_shows (CsWindow   *window,
            const char *name)
{
  GListModel *rows = G_LIST_MODEL (cs_record_list_get_visible_model (cs_window_get_record_list (window)));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (rows, i);

      if (g_strcmp0 (cs_record_get_name (record), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_editor_main_window (void)
{
  g_autoptr(CsApplication) app = cs_test_ui_app_new ();
  g_autoptr(CsStore) store = cs_test_store_open (NULL);
  g_autoptr(CsRecord) record = cs_test_store_add (store, "Windowed");
  CsWindow *window = cs_window_new (app, store);
  CsEditor *editor;

  gtk_window_present (GTK_WINDOW (window));
  cs_test_ui_wait_until (is_mapped, window, 5000);
  g_assert_true (list_shows (window, "Windowed"));

  editor = open_editor_for (GTK_WINDOW (window), store, record);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_true (gtk_window_get_application (GTK_WINDOW (editor)) == GTK_APPLICATION (app));

  gtk_editable_set_text (cs_general_page_get_name_entry (cs_editor_get_general_page (editor)),
                         "Windowed Renamed");
  show_tab (editor, CS_EDITOR_PAGE_REVIEW);
  click (cs_editor_get_save_button (editor));
  wait_closed ();

  g_assert_cmpstr (cs_record_get_name (record), ==, "Windowed Renamed");
  g_assert_true (list_shows (window, "Windowed Renamed"));
  g_assert_false (list_shows (window, "Windowed"));

  /* The window stays open: at the time of writing, destroying a CsWindow
   * runs its update_page() on a cleared store (cs-window.c's dispose). */
}

int
main (int   argc,
      char *argv[])
{
  if (!cs_test_ui_init (&argc, &argv))
    {
      cs_test_ui_add_skip ("/editor/no-display");
      return g_test_run ();
    }

  /* The screenshots show the widgets at rest, not halfway through a transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/editor/flow", test_editor_flow);
  g_test_add_func ("/editor/generation-cancel", test_editor_generation_cancel);
  g_test_add_func ("/editor/ready-record", test_editor_ready_record);
  g_test_add_func ("/editor/regenerate", test_editor_regenerate);
  g_test_add_func ("/editor/tab-keys", test_editor_tab_keys);
  g_test_add_func ("/editor/same-record-again", test_editor_same_record_again);
  g_test_add_func ("/editor/main-window", test_editor_main_window);

  return g_test_run ();
}
