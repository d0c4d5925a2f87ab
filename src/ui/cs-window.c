/* cs-window.c — the main window: the list of intermediate CA certificates
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-editor.h"
#include "cs-error.h"
#include "cs-history-window.h"
#include "cs-pending-popover.h"
#include "cs-record-list.h"
#include "cs-window.h"

struct _CsWindow
{
  AdwApplicationWindow parent_instance;

  GSettings        *settings;
  CsStore          *store;
  GCancellable     *cancellable;    /* cancelled when the window goes */
  GError           *open_error;
  gboolean          opening;
  gboolean          activating;
  gboolean          painted;        /* a first frame was painted */
  guint             loading_delay;  /* timeout: show the loading indicator */
  AdwToast         *toast;          /* the one shown, until dismissed */
  gint64            toast_time;     /* when it came up */

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkWidget        *add_button;
  GtkWidget        *search_button;
  GtkMenuButton    *pending_button;
  CsPendingPopover *pending_popover;
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *search_entry;
  GtkStack         *main_stack;
  GtkSpinner       *spinner;
  GtkWidget        *loading_label;
  AdwStatusPage    *error_page;
  GtkLabel         *error_path_label;
  AdwStatusPage    *empty_page;
  CsRecordList     *record_list;
  GMenu            *columns_submenu;
};

G_DEFINE_FINAL_TYPE (CsWindow, cs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CsWindow *
cs_window_new (CsApplication *application,
               CsStore       *store)
{
  g_return_val_if_fail (CS_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || CS_IS_STORE (store), NULL);

  if (store == NULL)
    store = cs_application_get_store (application);

  return g_object_new (CS_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

CsStore *
cs_window_get_store (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->store;
}

CsRecordList *
cs_window_get_record_list (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->record_list;
}

/* FALSE once the window is destroyed: async callbacks then do nothing. */
static gboolean
window_alive (CsWindow *self)
{
  return !g_cancellable_is_cancelled (self->cancellable);
}

/* --- Toasts and errors ------------------------------------------------- */

/* A toast dismissed in the first half second of its show animation crashes
 * libadwaita 1.2 (the animation outlives the toast): one that came up less
 * than this long ago is rewritten instead of replaced. */
#define TOAST_REWRITE_USEC (700 * G_TIME_SPAN_MILLISECOND)

static void
toast_set_button (AdwToast   *toast,
                  const char *label,
                  const char *action,
                  GVariant   *target)
{
  /* No action while the target changes: the button checks the target
   * against the action's parameter type. */
  adw_toast_set_action_name (toast, NULL);
  adw_toast_set_action_target_value (toast, target);
  adw_toast_set_action_name (toast, action);
  adw_toast_set_button_label (toast, label);
}

static void
toast_dismissed_cb (AdwToast *toast,
                    CsWindow *self)
{
  if (self->toast == toast)
    g_clear_object (&self->toast);
}

/* Shows a toast whose title is @format with its arguments escaped (toast
 * titles are markup); the previous toast makes room at once. */
static AdwToast *
show_toast (CsWindow   *self,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static AdwToast *
show_toast (CsWindow   *self,
            const char *format,
            ...)
{
  g_autofree char *title = NULL;
  gint64 now = g_get_monotonic_time ();
  AdwToast *toast;
  va_list args;

  va_start (args, format);
  title = g_markup_vprintf_escaped (format, args);
  va_end (args);

  if (self->toast != NULL && now - self->toast_time < TOAST_REWRITE_USEC)
    {
      adw_toast_set_title (self->toast, title);
      toast_set_button (self->toast, NULL, NULL, NULL);
      return self->toast;
    }
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);

  toast = adw_toast_new (title);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  g_set_object (&self->toast, toast);
  self->toast_time = now;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return toast;
}

static void
show_error (CsWindow     *self,
            const char   *heading,
            const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A path for people: the home folder as "~". */
static char *
display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize length = strlen (home);

  if (length > 1 && g_str_has_prefix (path, home) && (path[length] == '/' || path[length] == '\0'))
    return g_strconcat ("~", path + length, NULL);
  return g_strdup (path);
}

/* --- Pages ------------------------------------------------------------- */

/* The loading page shows its spinner and text only if the store is still
 * opening this long after the window was first painted: a store that opens
 * at once shows no flash of them, and the first frame does not wait for the
 * spinner's icon. */
#define LOADING_DELAY_MS 300

static void
show_loading_indicator (CsWindow *self,
                        gboolean  show)
{
  gtk_widget_set_visible (self->loading_label, show);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), show);
  gtk_spinner_set_spinning (self->spinner, show);
}

static gboolean
loading_delay_cb (gpointer user_data)
{
  CsWindow *self = user_data;

  self->loading_delay = 0;
  show_loading_indicator (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
update_loading_indicator (CsWindow *self,
                          gboolean  loading)
{
  if (!loading)
    {
      g_clear_handle_id (&self->loading_delay, g_source_remove);
      show_loading_indicator (self, FALSE);
    }
  else if (self->painted && self->loading_delay == 0 &&
           !gtk_widget_get_visible (GTK_WIDGET (self->spinner)))
    self->loading_delay = g_timeout_add (LOADING_DELAY_MS, loading_delay_cb, self);
}

static void
after_first_paint_cb (GdkFrameClock *clock,
                      CsWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, after_first_paint_cb, self);
  self->painted = TRUE;
  update_loading_indicator (self, g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                                             "loading") == 0);
}

static void
update_page (CsWindow *self)
{
  GListModel *records = cs_store_get_records (self->store);
  guint n_records = records != NULL ? g_list_model_get_n_items (records) : 0;
  GListModel *visible = G_LIST_MODEL (cs_record_list_get_visible_model (self->record_list));
  const char *page;

  if (self->open_error != NULL)
    page = "error";
  else if (n_records == 0 && (self->opening || !cs_store_get_is_open (self->store)))
    page = "loading";
  else if (n_records == 0)
    page = "empty";
  else if (g_list_model_get_n_items (visible) == 0)
    page = "no-results";
  else
    page = "list";

  update_loading_indicator (self, g_str_equal (page, "loading"));
  /* Nothing to search in an empty or unreadable store. */
  gtk_widget_set_sensitive (self->search_button, n_records > 0);
  gtk_stack_set_visible_child_name (self->main_stack, page);
}

static void
update_actions (CsWindow *self)
{
  gboolean open = cs_store_get_is_open (self->store);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.add-software", open);
  gtk_widget_set_sensitive (self->add_button, open);
  gtk_widget_action_set_enabled (widget, "win.show-history", open);
  gtk_widget_action_set_enabled (widget, "win.reload", open);
  gtk_widget_action_set_enabled (widget, "win.retry-open", !open && !self->opening);
  gtk_widget_action_set_enabled (widget, "win.activate-changes",
                                 open && !self->activating &&
                                 cs_store_get_n_pending_changes (self->store) > 0);
}

static void
update_pending (CsWindow *self)
{
  guint n = cs_store_get_n_pending_changes (self->store);
  g_autofree char *label = g_strdup_printf (ngettext ("%u change pending", "%u changes pending", n), n);

  gtk_menu_button_set_label (self->pending_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_button), n > 0);
  if (n == 0)
    gtk_menu_button_popdown (self->pending_button);
  update_actions (self);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;

  cs_store_open_finish (CS_STORE (object), result, &error);
  if (!window_alive (self))
    return;

  self->opening = FALSE;
  if (error != NULL)
    {
      escaped = g_markup_escape_text (error->message, -1);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_label_set_text (self->error_path_label, cs_store_get_path (self->store));
      self->open_error = g_steal_pointer (&error);
    }

  update_actions (self);
  update_pending (self);
  update_page (self);
}

static void
open_store (CsWindow *self)
{
  g_clear_error (&self->open_error);
  self->opening = TRUE;
  update_actions (self);
  update_page (self);
  cs_store_open_async (self->store, self->cancellable, open_cb, g_object_ref (self));
}

/* --- Operations on a record -------------------------------------------- */

typedef struct
{
  CsWindow             *window;
  CsRecord             *record;
  gint64                other_id;
  CsDownloadKind        kind;
  GtkFileChooserNative *chooser;
} WindowOp;

static WindowOp *
window_op_new (CsWindow *self,
               CsRecord *record)
{
  WindowOp *op = g_new0 (WindowOp, 1);

  op->window = g_object_ref (self);
  op->record = record != NULL ? g_object_ref (record) : NULL;
  return op;
}

static void
window_op_free (WindowOp *op)
{
  g_clear_object (&op->window);
  g_clear_object (&op->record);
  g_clear_object (&op->chooser);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WindowOp, window_op_free)

static CsRecord *
lookup_record (CsWindow *self,
               GVariant *parameter)
{
  CsRecord *record = cs_store_lookup_by_id (self->store, g_variant_get_int64 (parameter));

  if (record == NULL)
    show_toast (self, "%s", _("That certificate no longer exists"));
  return record;
}

static void
present_editor (CsWindow *self,
                CsRecord *record)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);
  CsEditor *editor;

  /* One editor per record: bring back the one already open. */
  for (guint i = 0; record != NULL && i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CS_IS_EDITOR (window) && cs_editor_get_record (CS_EDITOR (window)) == record)
        {
          gtk_window_present (GTK_WINDOW (window));
          return;
        }
    }

  editor = cs_editor_new (GTK_WINDOW (self), self->store, record);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_software_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  present_editor (CS_WINDOW (widget), NULL);
}

static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  CsRecord *record = lookup_record (self, parameter);

  if (record != NULL)
    present_editor (self, record);
}

static void
make_default_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WindowOp) op = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  cs_store_make_default_finish (CS_STORE (object), result, &error);
  if (!window_alive (op->window))
    return;
  if (error != NULL)
    {
      show_error (op->window, _("Could Not Change the Default"), error);
      return;
    }

  toast = show_toast (op->window, _("“%s” is now the default certificate"),
                      cs_record_get_name (op->record));
  if (op->other_id != 0)
    toast_set_button (toast, _("_Undo"), "win.make-default", g_variant_new_int64 (op->other_id));
}

/* Why @record cannot be the default, or NULL if it can. */
static char *
make_default_refusal (CsRecord *record)
{
  const char *name = cs_record_get_name (record);

  if (cs_record_get_default_certificate (record))
    return g_strdup_printf (_("“%s” is already the default certificate"), name);
  if (cs_record_get_current_state (record) != CS_RECORD_STATE_CERT_READY)
    return g_strdup_printf (_("Only a finished certificate can be the default: “%s” is still a draft"), name);
  if (!cs_record_get_enabled (record))
    return g_strdup_printf (_("Enable “%s” before making it the default"), name);
  if (!cs_record_get_can_make_default (record))
    return g_strdup_printf (_("“%s” cannot be the default"), name);
  return NULL;
}

static void
make_default_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  CsRecord *record = lookup_record (self, parameter);
  g_autofree char *refusal = NULL;
  CsRecord *old_default;
  WindowOp *op;

  if (record == NULL)
    return;

  refusal = make_default_refusal (record);
  if (refusal != NULL)
    {
      show_toast (self, "%s", refusal);
      return;
    }

  op = window_op_new (self, record);
  old_default = cs_store_get_default_record (self->store);
  op->other_id = old_default != NULL ? cs_record_get_id (old_default) : 0;
  cs_store_make_default_async (self->store, record, self->cancellable, make_default_cb, op);
}

static void
set_enabled_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WindowOp) op = user_data;
  g_autoptr(GError) error = NULL;
  gboolean enabled;
  AdwToast *toast;

  cs_store_set_enabled_finish (CS_STORE (object), result, &error);
  if (!window_alive (op->window))
    return;
  if (error != NULL)
    {
      show_error (op->window, _("Could Not Change the Status"), error);
      return;
    }

  enabled = cs_record_get_enabled (op->record);
  toast = show_toast (op->window, enabled ? _("“%s” enabled") : _("“%s” disabled"),
                      cs_record_get_name (op->record));
  toast_set_button (toast, _("_Undo"), enabled ? "win.disable" : "win.enable",
                    g_variant_new_int64 (cs_record_get_id (op->record)));
}

/* Why the status of @record cannot become @enabled, or NULL if it can. */
static char *
set_enabled_refusal (CsRecord *record,
                     gboolean  enabled)
{
  const char *name = cs_record_get_name (record);

  if (enabled)
    return cs_record_get_enabled (record)
             ? g_strdup_printf (_("“%s” is already enabled"), name)
             : NULL;
  if (!cs_record_get_enabled (record))
    return g_strdup_printf (_("“%s” is already disabled"), name);
  if (cs_record_get_default_certificate (record))
    return g_strdup_printf (_("“%s” is the default certificate and cannot be disabled. Make another certificate the default first."), name);
  if (cs_record_get_active_default (record))
    return g_strdup_printf (_("“%s” stays enabled until the pending changes are activated: the inspection proxy still uses it."), name);
  if (!cs_record_get_can_disable (record))
    return g_strdup_printf (_("“%s” cannot be disabled"), name);
  return NULL;
}

static void
set_enabled (CsWindow *self,
             GVariant *parameter,
             gboolean  enabled)
{
  CsRecord *record = lookup_record (self, parameter);
  g_autofree char *refusal = NULL;

  if (record == NULL)
    return;

  refusal = set_enabled_refusal (record, enabled);
  if (refusal != NULL)
    {
      show_toast (self, "%s", refusal);
      return;
    }

  cs_store_set_enabled_async (self->store, record, enabled, self->cancellable, set_enabled_cb,
                              window_op_new (self, record));
}

static void
enable_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_enabled (CS_WINDOW (widget), parameter, TRUE);
}

static void
disable_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_enabled (CS_WINDOW (widget), parameter, FALSE);
}

/* --- Delete ------------------------------------------------------------ */

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WindowOp) op = user_data;
  g_autoptr(GError) error = NULL;

  cs_store_delete_record_finish (CS_STORE (object), result, &error);
  if (!window_alive (op->window))
    return;
  if (error != NULL)
    {
      show_error (op->window, _("Could Not Delete the Certificate"), error);
      return;
    }

  /* No Undo: the key is destroyed. */
  show_toast (op->window, _("“%s” deleted"), cs_record_get_name (op->record));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  WindowOp *op = user_data;   /* the dialog's, freed with it */
  CsWindow *self = op->window;

  if (g_str_equal (response, "delete") && window_alive (self))
    cs_store_delete_record_async (self->store, op->record, self->cancellable, delete_cb,
                                  window_op_new (self, op->record));
}

static char *
delete_refusal (CsRecord *record)
{
  const char *name = cs_record_get_name (record);

  if (cs_record_get_default_certificate (record))
    return g_strdup_printf (_("“%s” is the default certificate and cannot be deleted. Make another certificate the default first."), name);
  if (cs_record_get_active_default (record))
    return g_strdup_printf (_("“%s” is still the inspection proxy’s certificate until the pending changes are activated, so it cannot be deleted yet."), name);
  return g_strdup_printf (_("“%s” cannot be deleted"), name);
}

static void
delete_record_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  CsRecord *record = lookup_record (self, parameter);
  g_autofree char *heading = NULL;
  g_autofree char *refusal = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  if (record == NULL)
    return;
  if (!cs_record_get_can_delete (record))
    {
      refusal = delete_refusal (record);
      show_toast (self, "%s", refusal);
      return;
    }

  heading = g_strdup_printf (_("Delete “%s”?"), cs_record_get_name (record));
  if (cs_record_state_is_draft (cs_record_get_current_state (record)))
    body = cs_record_get_has_key (record)
             ? _("This draft’s key pair will be destroyed. It cannot be recovered, and a certificate signed for it could never be used.")
             : _("This draft will be removed.");
  else
    body = _("The certificate, its chain and its private key will be removed from this computer. The key cannot be recovered.");

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb),
                         window_op_new (self, record), (GClosureNotify) window_op_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- Downloads --------------------------------------------------------- */

static const struct
{
  const char *action;
  const char *title;
} downloads[] = {
  [CS_DOWNLOAD_PUBLIC_KEY] = { "download-public-key", N_("Save Public Key") },
  [CS_DOWNLOAD_CSR] = { "download-csr", N_("Save Certificate Request") },
  [CS_DOWNLOAD_CERTIFICATE] = { "download-certificate", N_("Save Certificate") },
  [CS_DOWNLOAD_CHAIN] = { "download-chain", N_("Save Certificate Chain") },
};

/* A record name as a file name: no folder separators, no leading dot. */
static char *
file_name_from (const char *name)
{
  char *file_name = g_strdup (name != NULL && *name != '\0' ? name : _("certificate"));

  g_strdelimit (file_name, "/\\", '-');
  if (file_name[0] == '.')
    file_name[0] = '_';
  return file_name;
}

char *
cs_window_suggest_download_name (CsRecord       *record,
                                 CsDownloadKind  kind)
{
  g_autofree char *name = NULL;
  const char *csr_name;

  g_return_val_if_fail (CS_IS_RECORD (record), NULL);

  switch (kind)
    {
    case CS_DOWNLOAD_PUBLIC_KEY:
      name = file_name_from (cs_record_get_name (record));
      return g_strconcat (name, "-public-key.pem", NULL);
    case CS_DOWNLOAD_CSR:
      csr_name = cs_record_get_csr_file_name (record);
      name = file_name_from (*csr_name != '\0' ? csr_name : cs_record_get_name (record));
      if (g_str_has_suffix (name, ".csr"))
        return g_steal_pointer (&name);
      return g_strconcat (name, ".csr", NULL);
    case CS_DOWNLOAD_CERTIFICATE:
      name = file_name_from (cs_record_get_name (record));
      return g_strconcat (name, ".pem", NULL);
    case CS_DOWNLOAD_CHAIN:
      name = file_name_from (cs_record_get_name (record));
      return g_strconcat (name, "-chain.pem", NULL);
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
download_refusal (CsRecord       *record,
                  CsDownloadKind  kind)
{
  CsRecordState state = cs_record_get_current_state (record);
  const char *name = cs_record_get_name (record);

  switch (kind)
    {
    case CS_DOWNLOAD_PUBLIC_KEY:
      if (cs_record_get_public_key (record) == NULL)
        return g_strdup_printf (_("“%s” has no key pair yet"), name);
      return NULL;
    case CS_DOWNLOAD_CSR:
      if (state < CS_RECORD_STATE_CSRGEN_DONE)
        return g_strdup_printf (_("“%s” has no certificate request yet"), name);
      return NULL;
    case CS_DOWNLOAD_CERTIFICATE:
      if (state < CS_RECORD_STATE_INTCERT_UPLOAD_DONE)
        return g_strdup_printf (_("“%s” has no certificate yet"), name);
      return NULL;
    case CS_DOWNLOAD_CHAIN:
      if (!cs_record_get_has_chain (record))
        return g_strdup_printf (_("No chain was uploaded for “%s”"), name);
      return NULL;
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
save_succeeded (GTask *task)
{
  CsWindow *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *folder_uri = parent != NULL ? g_file_get_uri (parent) : NULL;
  AdwToast *toast;

  if (window_alive (self))
    {
      toast = show_toast (self, _("Saved “%s”"), basename);
      if (folder_uri != NULL)
        toast_set_button (toast, _("_Open Folder"), "win.open-folder", g_variant_new_string (folder_uri));
    }
  g_task_return_boolean (task, TRUE);
}

static void
save_failed (GTask  *task,
             GError *error)
{
  CsWindow *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  g_autofree char *basename = g_file_get_basename (file);

  if (window_alive (self))
    show_toast (self, _("Could not save “%s”: %s"), basename, error->message);
  g_task_return_error (task, error);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    save_succeeded (task);
  else
    save_failed (task, error);
}

static void
write_pem (GTask      *task,
           const char *pem)
{
  g_autoptr(GBytes) bytes = g_bytes_new (pem, strlen (pem));

  g_file_replace_contents_bytes_async (g_task_get_task_data (task), bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), write_cb, task);
}

static const char *
details_pem (CsRecordDetails *details,
             CsDownloadKind   kind)
{
  switch (kind)
    {
    case CS_DOWNLOAD_CSR:
      return cs_record_details_get_csr_pem (details);
    case CS_DOWNLOAD_CERTIFICATE:
      return cs_record_details_get_certificate_pem (details);
    case CS_DOWNLOAD_CHAIN:
      return cs_record_details_get_chain_pem (details);
    case CS_DOWNLOAD_PUBLIC_KEY:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
details_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(CsRecordDetails) details = NULL;
  GError *error = NULL;
  const char *pem;

  details = cs_store_load_details_finish (CS_STORE (object), result, &error);
  if (details == NULL)
    {
      save_failed (task, error);
      g_object_unref (task);
      return;
    }

  /* Only the PEM is kept: the details, key included, go at once. */
  pem = details_pem (details, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "cs-kind")));
  if (pem == NULL || *pem == '\0')
    {
      save_failed (task, g_error_new_literal (CS_ERROR, CS_ERROR_WRONG_STATE,
                                              _("The certificate store holds nothing to save")));
      g_object_unref (task);
      return;
    }

  write_pem (task, pem);
}

void
cs_window_save_download (CsWindow            *self,
                         CsRecord            *record,
                         CsDownloadKind       kind,
                         GFile               *file,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  const char *pem;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (CS_IS_RECORD (record));
  g_return_if_fail (kind <= CS_DOWNLOAD_CHAIN);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_window_save_download);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "cs-kind", GUINT_TO_POINTER (kind));

  if (kind != CS_DOWNLOAD_PUBLIC_KEY)
    {
      cs_store_load_details_async (self->store, record, self->cancellable, details_cb, task);
      return;
    }

  pem = cs_record_get_public_key (record);
  if (pem == NULL)
    {
      save_failed (task, g_error_new_literal (CS_ERROR, CS_ERROR_WRONG_STATE,
                                              _("The certificate has no key pair yet")));
      g_object_unref (task);
      return;
    }
  write_pem (task, pem);
}

gboolean
cs_window_save_download_finish (CsWindow      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
download_response_cb (GtkNativeDialog *chooser,
                      int              response,
                      gpointer         user_data)
{
  g_autoptr(WindowOp) op = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *folder_path = NULL;

  if (response != GTK_RESPONSE_ACCEPT || !window_alive (op->window))
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  folder = g_file_get_parent (file);
  folder_path = folder != NULL ? g_file_get_path (folder) : NULL;
  if (folder_path != NULL)
    g_settings_set_string (op->window->settings, "last-download-folder", folder_path);

  cs_window_save_download (op->window, op->record, op->kind, file, NULL, NULL);
}

static void
set_chooser_folder (GtkFileChooser *chooser,
                    const char     *path)
{
  g_autoptr(GFile) folder = NULL;

  if (path == NULL || *path == '\0' || !g_file_test (path, G_FILE_TEST_IS_DIR))
    return;

  folder = g_file_new_for_path (path);
  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
download_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  CsRecord *record = lookup_record (self, parameter);
  g_autofree char *suggested = NULL;
  g_autofree char *last_folder = NULL;
  g_autofree char *refusal = NULL;
  CsDownloadKind kind = CS_DOWNLOAD_PUBLIC_KEY;
  WindowOp *op;

  if (record == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (downloads); i++)
    if (g_str_equal (action_name + strlen ("win."), downloads[i].action))
      kind = i;

  refusal = download_refusal (record, kind);
  if (refusal != NULL)
    {
      show_toast (self, "%s", refusal);
      return;
    }

  op = window_op_new (self, record);
  op->kind = kind;
  op->chooser = gtk_file_chooser_native_new (_(downloads[kind].title), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (op->chooser), TRUE);
  suggested = cs_window_suggest_download_name (record, kind);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (op->chooser), suggested);
  last_folder = g_settings_get_string (self->settings, "last-download-folder");
  set_chooser_folder (GTK_FILE_CHOOSER (op->chooser), last_folder);

  g_signal_connect (op->chooser, "response", G_CALLBACK (download_response_cb), op);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (op->chooser));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* --- Activation -------------------------------------------------------- */

static char *
dup_deploy_folder (CsWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "deploy-folder");

  if (*folder != '\0')
    return g_steal_pointer (&folder);
  return cs_store_dup_default_deploy_dir ();
}

static void
activate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WindowOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *uri = NULL;
  CsWindow *self = op->window;
  AdwToast *toast;

  cs_store_activate_finish (CS_STORE (object), result, &error);
  if (!window_alive (self))
    return;

  self->activating = FALSE;
  update_pending (self);
  if (error != NULL)
    {
      show_error (self, _("Could Not Activate"), error);
      return;
    }

  folder = dup_deploy_folder (self);
  shown = display_path (folder);
  uri = g_filename_to_uri (folder, NULL, NULL);
  if (cs_store_get_active_default_record (self->store) != NULL)
    toast = show_toast (self, _("Activated: the inspection proxy’s bundle is in %s"), shown);
  else
    toast = show_toast (self, _("Activated: no certificate is the default, so the bundle in %s is empty"), shown);
  if (uri != NULL)
    toast_set_button (toast, _("_Open Folder"), "win.open-folder", g_variant_new_string (uri));
}

static void
activate_changes_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autofree char *folder = g_settings_get_string (self->settings, "deploy-folder");

  self->activating = TRUE;
  update_actions (self);
  cs_store_activate_async (self->store, *folder != '\0' ? folder : NULL, self->cancellable,
                           activate_cb, window_op_new (self, NULL));
}

static void
deploy_folder_response_cb (GtkNativeDialog *chooser,
                           int              response,
                           gpointer         user_data)
{
  g_autoptr(WindowOp) op = user_data;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;

  if (response != GTK_RESPONSE_ACCEPT || !window_alive (op->window))
    return;

  folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = folder != NULL ? g_file_get_path (folder) : NULL;
  if (path == NULL)
    return;

  g_settings_set_string (op->window->settings, "deploy-folder", path);
  shown = display_path (path);
  show_toast (op->window, _("The next activation publishes the bundle in %s"), shown);
}

static void
choose_deploy_folder_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autofree char *folder = dup_deploy_folder (self);
  WindowOp *op = window_op_new (self, NULL);

  op->chooser = gtk_file_chooser_native_new (_("Choose the Deploy Folder"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                             _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (op->chooser), TRUE);
  set_chooser_folder (GTK_FILE_CHOOSER (op->chooser), folder);
  g_signal_connect (op->chooser, "response", G_CALLBACK (deploy_folder_response_cb), op);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (op->chooser));
}

/* --- History, search, reload ------------------------------------------- */

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);
  CsHistoryWindow *history;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CS_IS_HISTORY_WINDOW (window) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == GTK_WINDOW (self))
        {
          cs_history_window_reload (CS_HISTORY_WINDOW (window));
          gtk_window_present (GTK_WINDOW (window));
          return;
        }
    }

  history = cs_history_window_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (history));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_entry = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry));

  if (gtk_search_bar_get_search_mode (self->search_bar) && in_entry)
    {
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      return;
    }

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_changed_cb (CsWindow *self)
{
  cs_record_list_set_search_text (self->record_list,
                                  gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
search_activate_cb (CsWindow *self)
{
  GtkSelectionModel *visible = cs_record_list_get_visible_model (self->record_list);

  /* Enter in the search field moves to the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (visible)) == 0)
    return;
  gtk_selection_model_select_item (visible, 0, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (cs_record_list_get_column_view (self->record_list)));
}

static void
search_mode_cb (CsWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cs_store_refresh_finish (CS_STORE (object), result, &error) && window_alive (self))
    show_toast (self, _("Could not reload: %s"), error->message);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);

  cs_store_refresh_async (self->store, self->cancellable, reload_cb, g_object_ref (self));
}

static void
retry_open_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_store (CS_WINDOW (widget));
}

/* --- Keyboard shortcuts -------------------------------------------------- */

/* The shortcuts window is built on first use: GtkApplication would build it
 * for every window at startup if it were at gtk/help-overlay.ui. The action
 * lives in the window's action map, so that the help overlay set here does
 * not add GTK's own. */
static void
show_help_overlay_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);
  g_autoptr(GtkBuilder) builder = NULL;

  if (overlay == NULL)
    {
      builder = gtk_builder_new_from_resource ("/io/github/chainsmith/Chainsmith/cs-shortcuts-window.ui");
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static const GActionEntry window_entries[] = {
  { "show-help-overlay", show_help_overlay_activated },
};

/* --- Window state ------------------------------------------------------ */

static void
cs_window_save_state (CsWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
cs_window_restore_state (CsWindow *self)
{
  int width, height;

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
cs_window_realize (GtkWidget *widget)
{
  CsWindow *self = CS_WINDOW (widget);

  GTK_WIDGET_CLASS (cs_window_parent_class)->realize (widget);

  if (!self->painted)
    g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                      G_CALLBACK (after_first_paint_cb), self);
}

static void
cs_window_unrealize (GtkWidget *widget)
{
  CsWindow *self = CS_WINDOW (widget);

  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (widget),
                                        after_first_paint_cb, self);

  GTK_WIDGET_CLASS (cs_window_parent_class)->unrealize (widget);
}

static gboolean
cs_window_close_request (GtkWindow *window)
{
  cs_window_save_state (CS_WINDOW (window));

  return GTK_WINDOW_CLASS (cs_window_parent_class)->close_request (window);
}

/* --- GObject ----------------------------------------------------------- */

static void
cs_window_constructed (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);
  GListModel *records;

  G_OBJECT_CLASS (cs_window_parent_class)->constructed (object);

  g_assert (CS_IS_STORE (self->store));
  records = cs_store_get_records (self->store);
  cs_record_list_set_model (self->record_list, records);
  cs_pending_popover_set_store (self->pending_popover, self->store);

  g_signal_connect_object (records, "items-changed", G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cs_record_list_get_visible_model (self->record_list), "items-changed",
                           G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::n-pending-changes", G_CALLBACK (update_pending),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::is-open", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);

  update_pending (self);
  if (cs_store_get_is_open (self->store))
    update_page (self);
  else
    open_store (self);
}

static void
cs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsWindow *self = CS_WINDOW (object);

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
cs_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CsWindow *self = CS_WINDOW (object);

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
cs_window_dispose (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->loading_delay, g_source_remove);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (cs_store_get_records (self->store), self);
    }
  if (self->record_list != NULL)
    g_signal_handlers_disconnect_by_data (cs_record_list_get_visible_model (self->record_list), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_WINDOW);
  g_clear_object (&self->toast);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cs_window_parent_class)->dispose (object);
}

static void
cs_window_finalize (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (cs_window_parent_class)->finalize (object);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-software", NULL, add_software_action);
  gtk_widget_class_install_action (widget_class, "win.open-record", "x", open_record_action);
  gtk_widget_class_install_action (widget_class, "win.make-default", "x", make_default_action);
  gtk_widget_class_install_action (widget_class, "win.enable", "x", enable_action);
  gtk_widget_class_install_action (widget_class, "win.disable", "x", disable_action);
  gtk_widget_class_install_action (widget_class, "win.download-public-key", "x", download_action);
  gtk_widget_class_install_action (widget_class, "win.download-csr", "x", download_action);
  gtk_widget_class_install_action (widget_class, "win.download-certificate", "x", download_action);
  gtk_widget_class_install_action (widget_class, "win.download-chain", "x", download_action);
  gtk_widget_class_install_action (widget_class, "win.delete-record", "x", delete_record_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.activate-changes", NULL, activate_changes_action);
  gtk_widget_class_install_action (widget_class, "win.choose-deploy-folder", NULL, choose_deploy_folder_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.retry-open", NULL, retry_open_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.add-software", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.show-history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
cs_window_class_init (CsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cs_window_constructed;
  object_class->get_property = cs_window_get_property;
  object_class->set_property = cs_window_set_property;
  object_class->dispose = cs_window_dispose;
  object_class->finalize = cs_window_finalize;
  window_class->close_request = cs_window_close_request;
  widget_class->realize = cs_window_realize;
  widget_class->unrealize = cs_window_unrealize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CS_TYPE_PENDING_POPOVER);
  g_type_ensure (CS_TYPE_RECORD_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, pending_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, pending_popover);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, error_path_label);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, record_list);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, columns_submenu);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);

  install_actions (widget_class);
}

static void
cs_window_init (CsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  cs_window_restore_state (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_entries,
                                   G_N_ELEMENTS (window_entries), self);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  /* The entry sits in a box inside the bar, so the bar does not find it. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns",
                                  cs_record_list_get_column_actions (self->record_list));
  g_menu_append_section (self->columns_submenu, NULL,
                         cs_record_list_get_columns_menu (self->record_list));

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
