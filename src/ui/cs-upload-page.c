/* cs-upload-page.c — the Upload Intermediate Certificate tab of the editor
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-check-row.h"
#include "cs-editor-private.h"
#include "cs-upload-page.h"

struct _CsUploadPage
{
  AdwPreferencesPage   parent_instance;
  gboolean             disposed;

  CsStore             *store;
  CsRecord            *record;
  GCancellable        *cancellable;
  CsInspectionReport  *report;
  GtkDropTarget       *drop_target;
  char                *upload_name;    /* the file being uploaded, or NULL */
  gboolean             upload_chain;
  gboolean             had_upload;     /* something was stored before it */

  /* Template widgets */
  AdwActionRow        *certificate_row;
  GtkButton           *certificate_button;
  AdwPreferencesGroup *chain_group;
  AdwActionRow        *chain_row;
  GtkButton           *chain_button;
  AdwPreferencesGroup *pending_group;
  AdwPreferencesGroup *report_group;
  GtkSpinner          *spinner;
  GtkButton           *copy_button;
  GtkLabel            *summary_label;
  GtkListBox          *report_list;
};

G_DEFINE_FINAL_TYPE (CsUploadPage, cs_upload_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
cs_upload_page_get_busy (CsUploadPage *self)
{
  g_return_val_if_fail (CS_IS_UPLOAD_PAGE (self), FALSE);
  return self->upload_name != NULL;
}

static CsRecordState
record_state (CsUploadPage *self)
{
  return self->record != NULL ? cs_record_get_current_state (self->record)
                              : CS_RECORD_STATE_GENERAL_DONE;
}

static gboolean
can_upload_certificate (CsUploadPage *self)
{
  return self->record != NULL && record_state (self) >= CS_RECORD_STATE_CSRGEN_DONE;
}

static gboolean
can_upload_chain (CsUploadPage *self)
{
  return self->record != NULL && record_state (self) >= CS_RECORD_STATE_INTCERT_UPLOAD_DONE;
}

static char *
dup_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%x");
}

static char *
dup_certificate_text (CsUploadPage *self)
{
  CsRecord *record = self->record;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (record == NULL || record_state (self) < CS_RECORD_STATE_INTCERT_UPLOAD_DONE)
    return g_strdup (_("Not uploaded yet"));

  start = dup_date (cs_record_get_cert_start_date (record));
  end = dup_date (cs_record_get_cert_exp_date (record));
  if (cs_record_get_certificate_pending (record))
    /* Translators: a file name, then two dates */
    return g_strdup_printf (_("%s, valid from %s until %s. Replaced: pending until the next activation."),
                            cs_record_get_uploaded_cert_file_name (record), start, end);
  /* Translators: a file name, then two dates */
  return g_strdup_printf (_("%s, valid from %s until %s"),
                          cs_record_get_uploaded_cert_file_name (record), start, end);
}

static char *
dup_chain_text (CsUploadPage *self)
{
  CsRecord *record = self->record;
  const char *name;

  if (!can_upload_chain (self))
    return g_strdup (_("Upload the certificate first"));
  if (!cs_record_get_has_chain (record) && !cs_record_get_has_root (record))
    return g_strdup (_("Not uploaded: optional"));

  name = cs_record_get_uploaded_chain_file_name (record);
  if (cs_record_get_chain_pending (record))
    return g_strdup_printf (_("%s. Replaced: pending until the next activation."), name);
  if (cs_record_get_has_root (record))
    return g_strdup_printf (_("%s, with the root"), name);
  return g_strdup_printf (_("%s, without the root"), name);
}

static void
update_rows (CsUploadPage *self)
{
  gboolean ready = record_state (self) == CS_RECORD_STATE_CERT_READY;
  gboolean busy = self->upload_name != NULL;
  g_autofree char *certificate = dup_certificate_text (self);
  g_autofree char *chain = dup_chain_text (self);

  adw_action_row_set_subtitle (self->certificate_row, certificate);
  adw_action_row_set_subtitle (self->chain_row, chain);
  gtk_button_set_label (self->certificate_button, ready ? _("_Replace Certificate…") : _("Br_owse…"));
  gtk_button_set_label (self->chain_button, ready ? _("Replace _Chain…") : _("Brow_se…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->certificate_button), can_upload_certificate (self) && !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chain_button), can_upload_chain (self) && !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_group),
                          ready && cs_record_get_enabled (self->record));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static GtkWidget *
create_check_row (gpointer item,
                  gpointer user_data)
{
  return cs_check_row_new (CS_CHECK (item));
}

static void
show_report (CsUploadPage       *self,
             CsInspectionReport *report)
{
  g_set_object (&self->report, report);
  gtk_list_box_bind_model (self->report_list, G_LIST_MODEL (report), create_check_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->report_list), report != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), report != NULL);
}

static void
show_summary (CsUploadPage *self,
              const char   *text,
              const char   *style)
{
  static const char *styles[] = { "success", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), style);
  gtk_label_set_text (self->summary_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->report_group), TRUE);
}

static const char *
nothing_changed (CsUploadPage *self)
{
  if (!self->had_upload)
    return _("Nothing was changed.");
  return self->upload_chain ? _("Nothing was changed: the chain stored before is kept.")
                            : _("Nothing was changed: the certificate stored before is kept.");
}

static void
show_outcome (CsUploadPage       *self,
              CsInspectionReport *report,
              const GError       *error)
{
  g_autofree char *text = NULL;
  const char *style = "error";

  if (error == NULL && cs_inspection_report_get_level (report) == CS_CHECK_PASS)
    {
      text = g_strdup_printf (_("“%s” passed every check and is saved."), self->upload_name);
      style = "success";
    }
  else if (error == NULL)
    {
      text = g_strdup_printf (_("“%s” is saved, with the warnings below."), self->upload_name);
      style = "warning";
    }
  else if (report != NULL)
    text = g_strdup_printf (_("“%s” was refused: it fails the checks marked below. %s"),
                            self->upload_name, nothing_changed (self));
  else
    text = g_strdup_printf (_("“%s” could not be checked: %s %s"),
                            self->upload_name, error->message, nothing_changed (self));

  show_report (self, report);
  show_summary (self, text, style);
}

static void
finish_upload (CsUploadPage       *self,
               CsInspectionReport *report,
               const GError       *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_outcome (self, report, error);
  g_clear_pointer (&self->upload_name, g_free);
  update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
uploaded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CsUploadPage) self = user_data;
  g_autoptr(CsInspectionReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* The widget went away while the operation ran: nothing to show. */
  if (self->disposed)
    return;

  if (self->upload_chain)
    cs_store_upload_chain_finish (CS_STORE (source), result, &report, &error);
  else
    cs_store_upload_certificate_finish (CS_STORE (source), result, &report, &error);

  finish_upload (self, report, error);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = cs_inspection_load_file (G_FILE (task_data), cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CsUploadPage *self = CS_UPLOAD_PAGE (source);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* The widget went away while the operation ran: nothing to show. */
  if (self->disposed)
    return;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL || self->record == NULL)
    {
      finish_upload (self, NULL, error);
      return;
    }

  if (self->upload_chain)
    cs_store_upload_chain_async (self->store, self->record, bytes, self->upload_name,
                                 self->cancellable, uploaded_cb, g_object_ref (self));
  else
    cs_store_upload_certificate_async (self->store, self->record, bytes, self->upload_name,
                                       self->cancellable, uploaded_cb, g_object_ref (self));
}

static void
start_upload (CsUploadPage *self,
              GFile        *file,
              gboolean      chain)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *progress = NULL;

  if (self->upload_name != NULL)
    {
      cs_editor_show_toast (GTK_WIDGET (self), _("Wait until the file being checked is done"));
      return;
    }

  self->upload_name = g_file_get_basename (file);
  self->upload_chain = chain;
  self->had_upload = chain ? cs_record_get_has_chain (self->record) || cs_record_get_has_root (self->record)
                           : record_state (self) >= CS_RECORD_STATE_INTCERT_UPLOAD_DONE;
  progress = g_strdup_printf (_("Checking “%s”…"), self->upload_name);
  show_report (self, NULL);
  show_summary (self, progress, NULL);
  update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  cs_editor_remember_folder ("last-upload-folder", file);

  /* The task holds the page; the file is read off the main thread. */
  task = g_task_new (self, self->cancellable, read_cb, NULL);
  g_task_set_source_tag (task, start_upload);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

void
cs_upload_page_upload_certificate (CsUploadPage *self,
                                   GFile        *file)
{
  g_return_if_fail (CS_IS_UPLOAD_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!can_upload_certificate (self))
    {
      cs_editor_show_toast (GTK_WIDGET (self), _("Generate the CSR before uploading a certificate"));
      return;
    }
  start_upload (self, file, FALSE);
}

void
cs_upload_page_upload_chain (CsUploadPage *self,
                             GFile        *file)
{
  g_return_if_fail (CS_IS_UPLOAD_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!can_upload_chain (self))
    {
      cs_editor_show_toast (GTK_WIDGET (self), _("Upload the certificate before its chain"));
      return;
    }
  start_upload (self, file, TRUE);
}

static void
certificate_chosen_cb (gpointer  data,
                       GFile    *file)
{
  cs_upload_page_upload_certificate (data, file);
}

static void
chain_chosen_cb (gpointer  data,
                 GFile    *file)
{
  cs_upload_page_upload_chain (data, file);
}

static void
certificate_clicked_cb (CsUploadPage *self)
{
  cs_editor_choose_file (GTK_WIDGET (self), _("Upload the Intermediate Certificate"),
                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Upload"), NULL, TRUE,
                         certificate_chosen_cb, self);
}

static void
chain_clicked_cb (CsUploadPage *self)
{
  cs_editor_choose_file (GTK_WIDGET (self), _("Upload the Certificate Chain"),
                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Upload"), NULL, TRUE,
                         chain_chosen_cb, self);
}

static void
copy_clicked_cb (CsUploadPage *self)
{
  g_autofree char *text = NULL;

  if (self->report == NULL)
    return;
  text = cs_inspection_report_to_text (self->report);
  cs_editor_copy_text (GTK_WIDGET (self), text, _("Report copied"));
}

static GFile *
first_file (const GValue *value)
{
  GSList *files;
  GFile *file = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return NULL;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files != NULL)
    file = g_object_ref (files->data);
  g_slist_free (files);
  return file;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CsUploadPage  *self)
{
  g_autoptr(GFile) file = first_file (value);
  GtkWidget *chain = GTK_WIDGET (self->chain_group);
  graphene_point_t point;

  if (file == NULL)
    return FALSE;

  /* Dropped on the chain's group: the chain; anywhere else: the certificate. */
  if (gtk_widget_compute_point (GTK_WIDGET (self), chain, &GRAPHENE_POINT_INIT (x, y), &point) &&
      gtk_widget_contains (chain, point.x, point.y))
    cs_upload_page_upload_chain (self, file);
  else
    cs_upload_page_upload_certificate (self, file);
  return TRUE;
}

static void
record_notify_cb (CsUploadPage *self)
{
  update_rows (self);
}

void
cs_upload_page_set_store (CsUploadPage *self,
                          CsStore      *store)
{
  g_return_if_fail (CS_IS_UPLOAD_PAGE (self));
  g_return_if_fail (CS_IS_STORE (store));

  g_set_object (&self->store, store);
}

void
cs_upload_page_set_record (CsUploadPage *self,
                           CsRecord     *record)
{
  g_return_if_fail (CS_IS_UPLOAD_PAGE (self));
  g_return_if_fail (record == NULL || CS_IS_RECORD (record));

  if (!cs_editor_follow_record (self, &self->record, record, G_CALLBACK (record_notify_cb)))
    return;

  show_report (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->report_group), FALSE);
  update_rows (self);
}

CsInspectionReport *
cs_upload_page_get_report (CsUploadPage *self)
{
  return self->report;
}

const char *
cs_upload_page_get_summary (CsUploadPage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->report_group))
         ? gtk_label_get_text (self->summary_label) : NULL;
}

GtkListBox *
cs_upload_page_get_report_list (CsUploadPage *self)
{
  return self->report_list;
}

const char *
cs_upload_page_get_certificate_text (CsUploadPage *self)
{
  return adw_action_row_get_subtitle (self->certificate_row);
}

const char *
cs_upload_page_get_chain_text (CsUploadPage *self)
{
  return adw_action_row_get_subtitle (self->chain_row);
}

GtkButton *
cs_upload_page_get_certificate_button (CsUploadPage *self)
{
  return self->certificate_button;
}

GtkButton *
cs_upload_page_get_chain_button (CsUploadPage *self)
{
  return self->chain_button;
}

GtkDropTarget *
cs_upload_page_get_drop_target (CsUploadPage *self)
{
  return self->drop_target;
}

static void
cs_upload_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsUploadPage *self = CS_UPLOAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, cs_upload_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_upload_page_dispose (GObject *object)
{
  CsUploadPage *self = CS_UPLOAD_PAGE (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  if (self->report_list != NULL)
    gtk_list_box_bind_model (self->report_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_UPLOAD_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (cs_upload_page_parent_class)->dispose (object);
}

static void
cs_upload_page_finalize (GObject *object)
{
  CsUploadPage *self = CS_UPLOAD_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->upload_name);

  G_OBJECT_CLASS (cs_upload_page_parent_class)->finalize (object);
}

static void
cs_upload_page_class_init (CsUploadPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cs_upload_page_get_property;
  object_class->dispose = cs_upload_page_dispose;
  object_class->finalize = cs_upload_page_finalize;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-upload-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsUploadPage, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, CsUploadPage, certificate_button);
  gtk_widget_class_bind_template_child (widget_class, CsUploadPage, chain_group);
  gtk_widget_class_bind_template_child (widget_class, CsUploadPage, chain_row);
  gtk_widget_class_bind_template_child (widget_class, CsUploadPage, chain_button);
  gtk_widget_class_bind_template_child (widget_class, CsUploadPage, pending_group);
  gtk_widget_class_bind_template_child (widget_class, CsUploadPage, report_group);
  gtk_widget_class_bind_template_child (widget_class, CsUploadPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsUploadPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CsUploadPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CsUploadPage, report_list);
  gtk_widget_class_bind_template_callback (widget_class, certificate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, chain_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
}

static void
cs_upload_page_init (CsUploadPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (self->drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));
  update_rows (self);
}
