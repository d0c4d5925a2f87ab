/* cs-store.c — the store: its worker thread, its list model, its public API
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <openssl/crypto.h>
#include <string.h>

#include "cs-error.h"
#include "cs-store.h"
#include "cs-store-private.h"

/**
 * SECTION:cs-store
 * @title: CsStore
 *
 * The SQLite store of records. One worker thread, owned by the store, does
 * all database access; each operation is a #CsStoreOp that runs there and
 * comes back with the rows it changed, which are applied to the #CsRecord
 * objects of the list model on the thread that called (the main thread for
 * the UI), just before the operation's callback runs or its _sync form
 * returns. Records are added to the model in batches when the store opens,
 * so that a large store does not block the main loop.
 */

#define OPEN_BATCH_SIZE 500

struct _CsStore
{
  GObject       parent_instance;

  char         *path;
  GThread      *worker;
  GAsyncQueue  *jobs;               /* of Job, for the worker; worker_stop ends it */
  sqlite3      *db;                 /* the worker thread's only, while it runs */

  GListStore   *records;
  GHashTable   *by_id;              /* gint64 → CsRecord, borrowed from records */
  CsRecord     *default_record;
  CsRecord     *active_default_record;
  char        **pending;
  gboolean      is_open;
  gboolean      opening;
};

G_DEFINE_FINAL_TYPE (CsStore, cs_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_IS_OPEN,
  PROP_RECORDS,
  PROP_DEFAULT_RECORD,
  PROP_ACTIVE_DEFAULT_RECORD,
  PROP_PENDING_CHANGES,
  PROP_N_PENDING_CHANGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A job: one operation on its way to the worker and back. */
typedef struct
{
  CsStoreOp    *op;
  GTask        *task;               /* NULL for a _sync call */
  GCancellable *cancellable;        /* for a _sync call */
  GError       *error;
  gboolean      ok;
  GMutex        mutex;
  GCond         cond;
  gboolean      done;
  guint         next_row;           /* open: rows added to the model so far */
} Job;

static Job *
job_new (CsStoreOp *op)
{
  Job *job = g_new0 (Job, 1);

  job->op = op;
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
  return job;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  cs_store_op_free (job->op);
  g_clear_error (&job->error);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* The worker thread. */

/* Queued after the last job: the worker thread ends when it gets here. */
static char worker_stop;

static gboolean
run_on_worker (CsStore  *self,
               Job      *job)
{
  CsStoreOp *op = job->op;
  GCancellable *cancellable = job->task ? g_task_get_cancellable (job->task) : job->cancellable;

  if (g_cancellable_set_error_if_cancelled (cancellable, &job->error))
    return FALSE;

  if (self->db == NULL && op->work != cs_store_op_open)
    {
      g_set_error (&job->error, CS_ERROR, CS_ERROR_FAILED, _("The store “%s” is not open."),
                   self->path);
      return FALSE;
    }
  if (!op->work (self->db, op, &job->error))
    return FALSE;
  if (op->opened != NULL)
    self->db = g_steal_pointer (&op->opened);
  return TRUE;
}

static gboolean job_done_cb (gpointer data);

static void
worker_func (gpointer data,
             gpointer user_data)
{
  Job *job = data;

  job->ok = run_on_worker (user_data, job);

  if (job->task != NULL)
    {
      /* Not g_main_context_invoke(): it could run job_done_cb() right here
       * if the main thread is not iterating its context at this moment. */
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, job_done_cb, job, NULL);
      g_source_set_static_name (source, "[chainsmith] store operation");
      g_source_attach (source, g_task_get_context (job->task));
      return;
    }
  g_mutex_lock (&job->mutex);
  job->done = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);
}

static gpointer
worker_thread (gpointer data)
{
  CsStore *self = data;
  g_autoptr(GAsyncQueue) jobs = g_async_queue_ref (self->jobs);
  gpointer job;

  /* Jobs hold a reference to the store (the task's, or the waiting
   * caller's), so @self lives while one runs; after worker_stop, it may
   * be gone. */
  while ((job = g_async_queue_pop (jobs)) != &worker_stop)
    worker_func (job, self);
  /* OpenSSL's state for this thread (its random generators) goes now,
   * before the store that owned the thread is gone. */
  OPENSSL_thread_stop ();
  return NULL;
}

/* Ends the worker thread once the jobs queued so far are done, then closes
 * the database. Joins the thread, except on the worker itself. */
static void
stop_worker (CsStore *self)
{
  if (self->worker == NULL)
    return;

  g_async_queue_push (self->jobs, &worker_stop);
  if (g_thread_self () == self->worker)
    {
      /* The last reference went inside a job: the thread cannot wait for
       * itself. It is the database's thread, and ends after this job
       * without touching the store again. */
      g_clear_pointer (&self->db, cs_schema_close);
      g_clear_pointer (&self->worker, g_thread_unref);
    }
  else
    {
      g_thread_join (g_steal_pointer (&self->worker));
      /* The thread is gone: the connection is this thread's to close. */
      g_clear_pointer (&self->db, cs_schema_close);
    }
  g_clear_pointer (&self->jobs, g_async_queue_unref);
}

/* Applying results, on the calling thread. */

static void
add_records (CsStore   *self,
             GPtrArray *rows,
             guint      start,
             guint      end)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = start; i < end; i++)
    {
      CsRecordRow *row = g_ptr_array_index (rows, i);
      CsRecord *record = g_hash_table_lookup (self->by_id, &row->id);

      if (record != NULL)
        {
          cs_record_apply_row (record, row);
          continue;
        }
      record = cs_record_new_from_row (row);
      g_hash_table_insert (self->by_id, g_memdup2 (&row->id, sizeof row->id), record);
      g_ptr_array_add (added, record);
    }

  if (added->len > 0)
    g_list_store_splice (self->records, g_list_model_get_n_items (G_LIST_MODEL (self->records)), 0,
                         added->pdata, added->len);
}

static void
remove_record (CsStore *self,
               gint64   id)
{
  CsRecord *record = g_hash_table_lookup (self->by_id, &id);
  guint position;

  if (record != NULL && g_list_store_find (self->records, record, &position))
    {
      g_hash_table_remove (self->by_id, &id);
      g_list_store_remove (self->records, position);
    }
}

/* After reading every row: drop the records that are gone. */
static void
remove_missing (CsStore   *self,
                GPtrArray *rows)
{
  g_autoptr(GHashTable) present = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));

  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (present, &((CsRecordRow *) g_ptr_array_index (rows, i))->id);

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records), i - 1);
      gint64 id = cs_record_get_id (record);

      if (!g_hash_table_contains (present, &id))
        remove_record (self, id);
    }
}

static void
add_pending_lines (CsRecord  *record,
                   GPtrArray *lines)
{
  const char *name = cs_record_get_name (record);

  if (cs_record_get_current_state (record) != CS_RECORD_STATE_CERT_READY)
    return;
  if (cs_record_get_enabled (record) != cs_record_get_active_enabled (record))
    g_ptr_array_add (lines, cs_record_get_enabled (record)
                            ? g_strdup_printf (_("Enabled: %s"), name)
                            : g_strdup_printf (_("Disabled: %s"), name));
  if (cs_record_get_certificate_pending (record))
    g_ptr_array_add (lines, g_strdup_printf (_("Certificate of %s replaced"), name));
  if (cs_record_get_chain_pending (record))
    g_ptr_array_add (lines, g_strdup_printf (_("Chain of %s replaced"), name));
}

static const char *
name_or_none (CsRecord *record)
{
  /* Translators: the default certificate in "Default: A → B" when there is none */
  return record != NULL ? cs_record_get_name (record) : _("none");
}

static char **
compute_pending (CsStore *self)
{
  GPtrArray *lines = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));

  if (self->default_record != self->active_default_record)
    /* Translators: a pending change: the active default → the saved default */
    g_ptr_array_add (lines, g_strdup_printf (_("Default: %s → %s"),
                                             name_or_none (self->active_default_record),
                                             name_or_none (self->default_record)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records), i);

      add_pending_lines (record, lines);
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

static void
set_record (CsStore   *self,
            CsRecord **field,
            CsRecord  *record,
            guint      prop_id)
{
  if (g_set_object (field, record))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Recomputes the defaults and the pending changes; notifies what changed. */
static void
update_summary (CsStore *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  CsRecord *saved = NULL;
  CsRecord *active = NULL;
  char **pending;
  guint old_count = self->pending ? g_strv_length (self->pending) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records), i);

      if (cs_record_get_default_certificate (record))
        saved = record;
      if (cs_record_get_active_default (record))
        active = record;
    }
  set_record (self, &self->default_record, saved, PROP_DEFAULT_RECORD);
  set_record (self, &self->active_default_record, active, PROP_ACTIVE_DEFAULT_RECORD);

  pending = compute_pending (self);
  if (self->pending != NULL && g_strv_equal ((const char * const *) pending,
                                             (const char * const *) self->pending))
    {
      g_strfreev (pending);
      return;
    }
  g_strfreev (self->pending);
  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_CHANGES]);
  if (old_count != g_strv_length (pending))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING_CHANGES]);
}

static void
apply_op (CsStore   *self,
          CsStoreOp *op)
{
  if (op->rows != NULL)
    {
      add_records (self, op->rows, 0, op->rows->len);
      if (op->all_rows)
        remove_missing (self, op->rows);
    }
  for (guint i = 0; op->deleted != NULL && i < op->deleted->len; i++)
    remove_record (self, g_array_index (op->deleted, gint64, i));
  update_summary (self);
}

static void
set_open (CsStore  *self,
          gboolean  ok)
{
  self->opening = FALSE;
  if (!ok)
    return;
  self->is_open = TRUE;
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_OPEN]);
}

/* Opening fills the model in batches, one idle callback each. */
static gboolean
open_batch_cb (gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  CsStore *self = g_task_get_source_object (task);
  guint end = MIN (job->next_row + OPEN_BATCH_SIZE, job->op->rows->len);

  add_records (self, job->op->rows, job->next_row, end);
  job->next_row = end;
  if (end < job->op->rows->len)
    return G_SOURCE_CONTINUE;

  set_open (self, TRUE);
  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static void
start_batches (GTask *task)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  /* Below GDK's redraw priority (G_PRIORITY_HIGH_IDLE + 20): a frame can
   * be painted between two batches, so the window does not wait for the
   * whole load. (No operation can be queued before the store is open.) */
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, open_batch_cb, task, g_object_unref);
  g_source_set_static_name (source, "[chainsmith] open store");
  g_source_attach (source, g_task_get_context (task));
}

static gboolean
job_done_cb (gpointer data)
{
  Job *job = data;
  GTask *task = job->task;   /* the worker's reference, released here */
  CsStore *self = g_task_get_source_object (task);

  if (job->op->work == cs_store_op_open)
    {
      if (job->ok)
        {
          start_batches (task);
          return G_SOURCE_REMOVE;
        }
      set_open (self, FALSE);
    }

  if (job->ok)
    {
      apply_op (self, job->op);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, g_steal_pointer (&job->error));
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Running operations. */

static CsStoreOp *
op_new (CsStore         *self,
        CsStoreWorkFunc  work,
        CsRecord        *record)
{
  CsStoreOp *op = g_new0 (CsStoreOp, 1);

  op->work = work;
  op->path = self->path;
  op->id = record != NULL ? cs_record_get_id (record) : 0;
  op->now = g_date_time_new_now_utc ();
  return op;
}

static gboolean
check_usable (CsStore   *self,
              CsRecord  *record,
              GError   **error)
{
  gint64 id;

  if (!self->is_open)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_FAILED, _("The store “%s” is not open."), self->path);
      return FALSE;
    }
  if (record == NULL)
    return TRUE;
  id = cs_record_get_id (record);
  if (g_hash_table_lookup (self->by_id, &id) != record)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_NOT_FOUND,
                   _("The certificate “%s” is not in this store (was it deleted?)."),
                   cs_record_get_name (record));
      return FALSE;
    }
  return TRUE;
}

static GTask *
new_task (CsStore             *self,
          CsStoreOp           *op,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = job_new (op);

  job->task = task;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  /* The change is applied even if the caller cancels late: report it. */
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

/* Hands @task (and the reference) to the worker. */
static void
push_task (CsStore *self,
           GTask   *task)
{
  g_async_queue_push (self->jobs, g_task_get_task_data (task));
}

static void
run_async (CsStore             *self,
           CsRecord            *record,
           CsStoreOp           *op,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data,
           gpointer             source_tag)
{
  GError *error = NULL;

  if (!check_usable (self, record, &error))
    {
      cs_store_op_free (op);
      g_task_report_error (self, callback, user_data, source_tag, error);
      return;
    }
  push_task (self, new_task (self, op, cancellable, callback, user_data, source_tag));
}

static gboolean
finish_boolean (CsStore       *self,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static CsStoreOp *
finished_op (GAsyncResult *result)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  return job != NULL ? job->op : NULL;
}

/* Runs @op on the worker and waits; applies it here. Returns the job. */
static Job *
run_sync (CsStore      *self,
          CsRecord     *record,
          CsStoreOp    *op,
          GCancellable *cancellable)
{
  Job *job = job_new (op);

  job->cancellable = cancellable;
  if (op->work != cs_store_op_open && !check_usable (self, record, &job->error))
    return job;

  g_async_queue_push (self->jobs, job);
  g_mutex_lock (&job->mutex);
  while (!job->done)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);

  if (job->ok)
    apply_op (self, op);
  return job;
}

static gboolean
job_result (Job     *job,
            GError **error)
{
  if (job->ok)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&job->error));
  return FALSE;
}

static gboolean
run_sync_boolean (CsStore       *self,
                  CsRecord      *record,
                  CsStoreOp     *op,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(Job) job = run_sync (self, record, op, cancellable);

  return job_result (job, error);
}

/* GObject. */

static void
cs_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CsStore *self = CS_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_IS_OPEN: g_value_set_boolean (value, self->is_open); break;
    case PROP_RECORDS: g_value_set_object (value, self->records); break;
    case PROP_DEFAULT_RECORD: g_value_set_object (value, self->default_record); break;
    case PROP_ACTIVE_DEFAULT_RECORD: g_value_set_object (value, self->active_default_record); break;
    case PROP_PENDING_CHANGES: g_value_set_boxed (value, self->pending); break;
    case PROP_N_PENDING_CHANGES: g_value_set_uint (value, cs_store_get_n_pending_changes (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CsStore *self = CS_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      if (self->path == NULL)
        self->path = cs_store_dup_default_path ();
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_store_dispose (GObject *object)
{
  CsStore *self = CS_STORE (object);

  stop_worker (self);
  g_clear_object (&self->default_record);
  g_clear_object (&self->active_default_record);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->records);

  G_OBJECT_CLASS (cs_store_parent_class)->dispose (object);
}

static void
cs_store_finalize (GObject *object)
{
  CsStore *self = CS_STORE (object);

  g_free (self->path);
  g_strfreev (self->pending);

  G_OBJECT_CLASS (cs_store_parent_class)->finalize (object);
}

static void
cs_store_class_init (CsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = cs_store_get_property;
  object_class->set_property = cs_store_set_property;
  object_class->dispose = cs_store_dispose;
  object_class->finalize = cs_store_finalize;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_OPEN] = g_param_spec_boolean ("is-open", NULL, NULL, FALSE, ro);
  properties[PROP_RECORDS] = g_param_spec_object ("records", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_DEFAULT_RECORD] =
    g_param_spec_object ("default-record", NULL, NULL, CS_TYPE_RECORD, ro);
  properties[PROP_ACTIVE_DEFAULT_RECORD] =
    g_param_spec_object ("active-default-record", NULL, NULL, CS_TYPE_RECORD, ro);
  properties[PROP_PENDING_CHANGES] =
    g_param_spec_boxed ("pending-changes", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_N_PENDING_CHANGES] =
    g_param_spec_uint ("n-pending-changes", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_store_init (CsStore *self)
{
  self->records = g_list_store_new (CS_TYPE_RECORD);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pending = g_new0 (char *, 1);
  /* One thread of its own: all SQLite access is serialized on it. */
  self->jobs = g_async_queue_new ();
  self->worker = g_thread_new ("cs-store", worker_thread, self);
}

/* Public API: construction and state. */

/**
 * cs_store_new:
 * @path: (nullable): the database file; %NULL for cs_store_dup_default_path()
 *
 * Creates a store. Nothing touches the file until cs_store_open_async() or
 * cs_store_open_sync().
 *
 * Returns: (transfer full): a new #CsStore
 */
CsStore *
cs_store_new (const char *path)
{
  return g_object_new (CS_TYPE_STORE, "path", path, NULL);
}

/**
 * cs_store_dup_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/chainsmith/chainsmith.db`
 */
char *
cs_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "chainsmith", "chainsmith.db", NULL);
}

/**
 * cs_store_dup_default_deploy_dir:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/chainsmith/active`
 */
char *
cs_store_dup_default_deploy_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "chainsmith", "active", NULL);
}

/**
 * cs_store_get_path:
 * @self: a #CsStore
 *
 * Returns: the database file, for messages
 */
const char *
cs_store_get_path (CsStore *self)
{
  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  return self->path;
}

/**
 * cs_store_get_is_open:
 * @self: a #CsStore
 *
 * Returns: %TRUE once the store is open and its records are in the model
 */
gboolean
cs_store_get_is_open (CsStore *self)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  return self->is_open;
}

/**
 * cs_store_get_records:
 * @self: a #CsStore
 *
 * Returns: (transfer none): the #GListModel of #CsRecord, in the order of
 *   their ids, kept in step with the database
 */
GListModel *
cs_store_get_records (CsStore *self)
{
  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->records);
}

/**
 * cs_store_get_default_record:
 * @self: a #CsStore
 *
 * Returns: (nullable) (transfer none): the saved default
 */
CsRecord *
cs_store_get_default_record (CsStore *self)
{
  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  return self->default_record;
}

/**
 * cs_store_get_active_default_record:
 * @self: a #CsStore
 *
 * Returns: (nullable) (transfer none): the default of the last activation
 */
CsRecord *
cs_store_get_active_default_record (CsStore *self)
{
  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  return self->active_default_record;
}

/**
 * cs_store_get_pending_changes:
 * @self: a #CsStore
 *
 * What activation would change, one translated line each ("Default: A → B",
 * "Enabled: C", "Certificate of A replaced").
 *
 * Returns: (transfer none): the lines, never %NULL
 */
const char * const *
cs_store_get_pending_changes (CsStore *self)
{
  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  return (const char * const *) self->pending;
}

/**
 * cs_store_get_n_pending_changes:
 * @self: a #CsStore
 *
 * Returns: the number of pending changes
 */
guint
cs_store_get_n_pending_changes (CsStore *self)
{
  g_return_val_if_fail (CS_IS_STORE (self), 0);
  return g_strv_length (self->pending);
}

/**
 * cs_store_lookup_by_id:
 * @self: a #CsStore
 * @id: a record id
 *
 * Returns: (nullable) (transfer none): the record with @id
 */
CsRecord *
cs_store_lookup_by_id (CsStore *self,
                       gint64   id)
{
  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  return g_hash_table_lookup (self->by_id, &id);
}

/**
 * cs_store_lookup_by_name:
 * @self: a #CsStore
 * @name: a name (compared ignoring ASCII case, as the database does)
 *
 * Returns: (nullable) (transfer none): the record named @name
 */
CsRecord *
cs_store_lookup_by_name (CsStore    *self,
                         const char *name)
{
  guint n;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records), i);

      if (g_ascii_strcasecmp (cs_record_get_name (record), name) == 0)
        return record;
    }
  return NULL;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = value;
  return TRUE;
}

/**
 * cs_store_lookup:
 * @self: a #CsStore
 * @name_or_id: a record's name or, failing that, its numeric id
 * @error: return location for a %CS_ERROR_NOT_FOUND error
 *
 * Finds a record the way the command line addresses it.
 *
 * Returns: (nullable) (transfer none): the record
 */
CsRecord *
cs_store_lookup (CsStore     *self,
                 const char  *name_or_id,
                 GError     **error)
{
  CsRecord *record;
  gint64 id;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  record = cs_store_lookup_by_name (self, name_or_id);
  if (record == NULL && parse_id (name_or_id, &id))
    record = cs_store_lookup_by_id (self, id);
  if (record == NULL)
    g_set_error (error, CS_ERROR, CS_ERROR_NOT_FOUND,
                 _("No certificate is named or numbered “%s”."), name_or_id);
  return record;
}

/* Open and refresh. */

/**
 * cs_store_open_async:
 * @self: a #CsStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the store is open and the model filled
 * @user_data: data for @callback
 *
 * Opens the database (creating it if absent), checks and migrates it on the
 * worker thread, then fills the records model in batches.
 */
void
cs_store_open_async (CsStore             *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (CS_IS_STORE (self));
  g_return_if_fail (!self->is_open && !self->opening);

  self->opening = TRUE;
  push_task (self, new_task (self, op_new (self, cs_store_op_open, NULL), cancellable,
                             callback, user_data, cs_store_open_async));
}

/**
 * cs_store_open_finish:
 * @self: a #CsStore
 * @result: the result
 * @error: return location for a CS_ERROR_STORE_* error
 *
 * Returns: %TRUE if the store is open
 */
gboolean
cs_store_open_finish (CsStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return finish_boolean (self, result, error);
}

/**
 * cs_store_open_sync:
 * @self: a #CsStore
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a CS_ERROR_STORE_* error
 *
 * Opens the store and fills the model, waiting for the worker.
 *
 * Returns: %TRUE if the store is open
 */
gboolean
cs_store_open_sync (CsStore       *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->is_open && !self->opening, FALSE);

  self->opening = TRUE;
  job = run_sync (self, NULL, op_new (self, cs_store_op_open, NULL), cancellable);
  set_open (self, job->ok);
  return job_result (job, error);
}

/**
 * cs_store_refresh_async:
 * @self: an open #CsStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads every record again, to take in changes made by another process.
 */
void
cs_store_refresh_async (CsStore             *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CS_IS_STORE (self));
  run_async (self, NULL, op_new (self, cs_store_op_refresh, NULL), cancellable, callback,
             user_data, cs_store_refresh_async);
}

/**
 * cs_store_refresh_finish:
 * @self: a #CsStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
cs_store_refresh_finish (CsStore       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return finish_boolean (self, result, error);
}

/**
 * cs_store_refresh_sync:
 * @self: an open #CsStore
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
cs_store_refresh_sync (CsStore       *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  return run_sync_boolean (self, NULL, op_new (self, cs_store_op_refresh, NULL), cancellable,
                           error);
}

/* Create. */

static CsStoreOp *
create_op (CsStore    *self,
           const char *name,
           const char *description,
           gboolean    enabled)
{
  CsStoreOp *op = op_new (self, cs_store_op_create, NULL);

  op->name = g_strstrip (g_strdup (name != NULL ? name : ""));
  op->description = g_strstrip (g_strdup (description != NULL ? description : ""));
  op->enabled = enabled;
  return op;
}

static CsRecord *
created_record (CsStore   *self,
                CsStoreOp *op)
{
  CsRecord *record = cs_store_lookup_by_id (self, op->id);

  return record != NULL ? g_object_ref (record) : NULL;
}

/**
 * cs_store_create_record_async:
 * @self: an open #CsStore
 * @name: the name, required and unique (trimmed)
 * @description: (nullable): the description
 * @enabled: the status
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Creates a record in state %CS_RECORD_STATE_GENERAL_DONE.
 */
void
cs_store_create_record_async (CsStore             *self,
                              const char          *name,
                              const char          *description,
                              gboolean             enabled,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CS_IS_STORE (self));
  run_async (self, NULL, create_op (self, name, description, enabled), cancellable, callback,
             user_data, cs_store_create_record_async);
}

/**
 * cs_store_create_record_finish:
 * @self: a #CsStore
 * @result: the result
 * @error: return location for %CS_ERROR_INVALID_FIELD, %CS_ERROR_DUPLICATE_NAME, …
 *
 * Returns: (transfer full) (nullable): the new record, already in the model
 */
CsRecord *
cs_store_create_record_finish (CsStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  if (!finish_boolean (self, result, error))
    return NULL;
  return created_record (self, finished_op (result));
}

/**
 * cs_store_create_record_sync:
 * @self: an open #CsStore
 * @name: the name, required and unique (trimmed)
 * @description: (nullable): the description
 * @enabled: the status
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the new record, already in the model
 */
CsRecord *
cs_store_create_record_sync (CsStore       *self,
                             const char    *name,
                             const char    *description,
                             gboolean       enabled,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  job = run_sync (self, NULL, create_op (self, name, description, enabled), cancellable);
  return job_result (job, error) ? created_record (self, job->op) : NULL;
}

/* General fields. */

static CsStoreOp *
general_op (CsStore    *self,
            CsRecord   *record,
            const char *name,
            const char *description,
            gboolean    enabled)
{
  CsStoreOp *op = op_new (self, cs_store_op_update_general, record);

  op->name = g_strstrip (g_strdup (name != NULL ? name : ""));
  op->description = g_strstrip (g_strdup (description != NULL ? description : ""));
  op->enabled = enabled;
  return op;
}

/**
 * cs_store_update_general_async:
 * @self: an open #CsStore
 * @record: a record of @self
 * @name: the new name (trimmed; unique)
 * @description: (nullable): the new description
 * @enabled: the new status; the default (saved or active) cannot be disabled
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Saves the General fields of a record, in any state.
 */
void
cs_store_update_general_async (CsStore             *self,
                               CsRecord            *record,
                               const char          *name,
                               const char          *description,
                               gboolean             enabled,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CS_IS_STORE (self));
  g_return_if_fail (CS_IS_RECORD (record));
  run_async (self, record, general_op (self, record, name, description, enabled), cancellable,
             callback, user_data, cs_store_update_general_async);
}

/**
 * cs_store_update_general_finish:
 * @self: a #CsStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if saved
 */
gboolean
cs_store_update_general_finish (CsStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_boolean (self, result, error);
}

/**
 * cs_store_update_general_sync:
 * @self: an open #CsStore
 * @record: a record of @self
 * @name: the new name
 * @description: (nullable): the new description
 * @enabled: the new status
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE if saved
 */
gboolean
cs_store_update_general_sync (CsStore       *self,
                              CsRecord      *record,
                              const char    *name,
                              const char    *description,
                              gboolean       enabled,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (CS_IS_RECORD (record), FALSE);
  return run_sync_boolean (self, record, general_op (self, record, name, description, enabled),
                           cancellable, error);
}

static CsStoreOp *
enabled_op (CsStore  *self,
            CsRecord *record,
            gboolean  enabled)
{
  CsStoreOp *op = op_new (self, cs_store_op_set_enabled, record);

  op->enabled = enabled;
  return op;
}

/**
 * cs_store_set_enabled_async:
 * @self: an open #CsStore
 * @record: a record of @self
 * @enabled: the new status; the default (saved or active) cannot be disabled
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Enables or disables a record.
 */
void
cs_store_set_enabled_async (CsStore             *self,
                            CsRecord            *record,
                            gboolean             enabled,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CS_IS_STORE (self));
  g_return_if_fail (CS_IS_RECORD (record));
  run_async (self, record, enabled_op (self, record, enabled), cancellable, callback, user_data,
             cs_store_set_enabled_async);
}

/**
 * cs_store_set_enabled_finish:
 * @self: a #CsStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if saved
 */
gboolean
cs_store_set_enabled_finish (CsStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_boolean (self, result, error);
}

/**
 * cs_store_set_enabled_sync:
 * @self: an open #CsStore
 * @record: a record of @self
 * @enabled: the new status
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE if saved
 */
gboolean
cs_store_set_enabled_sync (CsStore       *self,
                           CsRecord      *record,
                           gboolean       enabled,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (CS_IS_RECORD (record), FALSE);
  return run_sync_boolean (self, record, enabled_op (self, record, enabled), cancellable, error);
}

/* Key pair. */

static gboolean
check_keygen (CsStore   *self,
              CsRecord  *record,
              gboolean   discard,
              GError   **error)
{
  return check_usable (self, record, error) &&
         cs_store_check_keygen (cs_record_get_current_state (record), cs_record_get_name (record),
                                discard, error);
}

static void
keygen_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  job->op->key_pair = cs_key_pair_generate_finish (result, &error);
  if (job->op->key_pair == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  push_task (g_task_get_source_object (task), task);
}

/**
 * cs_store_generate_key_pair_async:
 * @self: an open #CsStore
 * @record: a draft of @self
 * @key_type: the type of key
 * @discard: %TRUE to allow discarding the CSR, certificate and chain
 * @cancellable: (nullable): a #GCancellable, which also stops the generation
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Generates the key pair in a thread of its own, then stores it (→
 * %CS_RECORD_STATE_KEYGEN_DONE). A ready record's key never changes.
 */
void
cs_store_generate_key_pair_async (CsStore             *self,
                                  CsRecord            *record,
                                  CsKeyType            key_type,
                                  gboolean             discard,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GError *error = NULL;
  CsStoreOp *op;
  GTask *task;

  g_return_if_fail (CS_IS_STORE (self));
  g_return_if_fail (CS_IS_RECORD (record));

  if (!check_keygen (self, record, discard, &error))
    {
      g_task_report_error (self, callback, user_data, cs_store_generate_key_pair_async, error);
      return;
    }
  op = op_new (self, cs_store_op_store_key, record);
  op->discard = discard;
  task = new_task (self, op, cancellable, callback, user_data, cs_store_generate_key_pair_async);
  cs_key_pair_generate_async (key_type, cancellable, keygen_done_cb, task);
}

/**
 * cs_store_generate_key_pair_finish:
 * @self: a #CsStore
 * @result: the result
 * @error: return location for an error (%G_IO_ERROR_CANCELLED when cancelled)
 *
 * Returns: %TRUE if the key pair is stored
 */
gboolean
cs_store_generate_key_pair_finish (CsStore       *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_boolean (self, result, error);
}

/**
 * cs_store_generate_key_pair_sync:
 * @self: an open #CsStore
 * @record: a draft of @self
 * @key_type: the type of key
 * @discard: %TRUE to allow discarding the CSR, certificate and chain
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE if the key pair is stored
 */
gboolean
cs_store_generate_key_pair_sync (CsStore       *self,
                                 CsRecord      *record,
                                 CsKeyType      key_type,
                                 gboolean       discard,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  CsStoreOp *op;

  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (CS_IS_RECORD (record), FALSE);

  if (!check_keygen (self, record, discard, error))
    return FALSE;
  op = op_new (self, cs_store_op_store_key, record);
  op->discard = discard;
  op->key_pair = cs_key_pair_generate (key_type, cancellable, error);
  if (op->key_pair == NULL)
    {
      cs_store_op_free (op);
      return FALSE;
    }
  return run_sync_boolean (self, record, op, cancellable, error);
}

/* CSR. */

static CsStoreOp *
csr_op (CsStore         *self,
        CsRecord        *record,
        const CsSubject *subject,
        CsDigest         digest,
        guint            path_length,
        const char      *csr_file_name,
        gboolean         discard)
{
  CsStoreOp *op = op_new (self, cs_store_op_generate_csr, record);

  op->subject = cs_subject_copy (subject);
  op->digest = digest;
  op->path_length = path_length;
  op->file_name = g_strdup (csr_file_name);
  op->discard = discard;
  return op;
}

/**
 * cs_store_generate_csr_async:
 * @self: an open #CsStore
 * @record: a draft of @self with a key pair
 * @subject: the subject (validated)
 * @digest: the signature's digest
 * @path_length: the path length to ask for, 0 or 1
 * @csr_file_name: (nullable): the CSR file name; %NULL or "" for the record's name
 * @discard: %TRUE to allow discarding an uploaded certificate and chain
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Generates and stores the CSR (→ %CS_RECORD_STATE_CSRGEN_DONE).
 */
void
cs_store_generate_csr_async (CsStore             *self,
                             CsRecord            *record,
                             const CsSubject     *subject,
                             CsDigest             digest,
                             guint                path_length,
                             const char          *csr_file_name,
                             gboolean             discard,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CS_IS_STORE (self));
  g_return_if_fail (CS_IS_RECORD (record));
  g_return_if_fail (subject != NULL);
  run_async (self, record,
             csr_op (self, record, subject, digest, path_length, csr_file_name, discard),
             cancellable, callback, user_data, cs_store_generate_csr_async);
}

/**
 * cs_store_generate_csr_finish:
 * @self: a #CsStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if the CSR is stored
 */
gboolean
cs_store_generate_csr_finish (CsStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_boolean (self, result, error);
}

/**
 * cs_store_generate_csr_sync:
 * @self: an open #CsStore
 * @record: a draft of @self with a key pair
 * @subject: the subject
 * @digest: the signature's digest
 * @path_length: 0 or 1
 * @csr_file_name: (nullable): the CSR file name
 * @discard: %TRUE to allow discarding an uploaded certificate and chain
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE if the CSR is stored
 */
gboolean
cs_store_generate_csr_sync (CsStore          *self,
                            CsRecord         *record,
                            const CsSubject  *subject,
                            CsDigest          digest,
                            guint             path_length,
                            const char       *csr_file_name,
                            gboolean          discard,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (CS_IS_RECORD (record), FALSE);
  g_return_val_if_fail (subject != NULL, FALSE);
  return run_sync_boolean (self, record,
                           csr_op (self, record, subject, digest, path_length, csr_file_name,
                                   discard),
                           cancellable, error);
}

/* Uploads. */

static CsStoreOp *
upload_op (CsStore         *self,
           CsStoreWorkFunc  work,
           CsRecord        *record,
           GBytes          *data,
           const char      *file_name)
{
  CsStoreOp *op = op_new (self, work, record);

  op->data = g_bytes_ref (data);
  op->file_name = file_name != NULL ? g_path_get_basename (file_name) : NULL;
  return op;
}

static gboolean
finish_upload (CsStore              *self,
               GAsyncResult         *result,
               CsInspectionReport  **report,
               GError              **error)
{
  CsStoreOp *op;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  op = finished_op (result);
  if (report != NULL)
    *report = op != NULL && op->report != NULL ? g_object_ref (op->report) : NULL;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
sync_upload (CsStore              *self,
             CsRecord             *record,
             CsStoreOp            *op,
             CsInspectionReport  **report,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr(Job) job = run_sync (self, record, op, cancellable);

  if (report != NULL)
    *report = job->op->report != NULL ? g_object_ref (job->op->report) : NULL;
  return job_result (job, error);
}

/**
 * cs_store_upload_certificate_async:
 * @self: an open #CsStore
 * @record: a record of @self with a CSR
 * @data: the file's bytes (PEM or DER)
 * @file_name: (nullable): the file's name (its basename is kept)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Checks and stores the signed certificate; see cs-store.h for drafts and
 * ready records.
 */
void
cs_store_upload_certificate_async (CsStore             *self,
                                   CsRecord            *record,
                                   GBytes              *data,
                                   const char          *file_name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CS_IS_STORE (self));
  g_return_if_fail (CS_IS_RECORD (record));
  g_return_if_fail (data != NULL);
  run_async (self, record, upload_op (self, cs_store_op_upload_cert, record, data, file_name),
             cancellable, callback, user_data, cs_store_upload_certificate_async);
}

/**
 * cs_store_upload_certificate_finish:
 * @self: a #CsStore
 * @result: the result
 * @report: (out) (optional) (nullable) (transfer full): the checks, when they ran
 * @error: return location for an error; %CS_ERROR_INVALID_CERTIFICATE when refused
 *
 * Returns: %TRUE if the certificate is stored
 */
gboolean
cs_store_upload_certificate_finish (CsStore              *self,
                                    GAsyncResult         *result,
                                    CsInspectionReport  **report,
                                    GError              **error)
{
  return finish_upload (self, result, report, error);
}

/**
 * cs_store_upload_certificate_sync:
 * @self: an open #CsStore
 * @record: a record of @self with a CSR
 * @data: the file's bytes
 * @file_name: (nullable): the file's name
 * @report: (out) (optional) (nullable) (transfer full): the checks, when they ran
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE if the certificate is stored
 */
gboolean
cs_store_upload_certificate_sync (CsStore              *self,
                                  CsRecord             *record,
                                  GBytes               *data,
                                  const char           *file_name,
                                  CsInspectionReport  **report,
                                  GCancellable         *cancellable,
                                  GError              **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (CS_IS_RECORD (record), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  return sync_upload (self, record,
                      upload_op (self, cs_store_op_upload_cert, record, data, file_name),
                      report, cancellable, error);
}

/**
 * cs_store_upload_chain_async:
 * @self: an open #CsStore
 * @record: a record of @self with a certificate
 * @data: the chain file's bytes (PEM)
 * @file_name: (nullable): the file's name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Checks and stores the chain of the stored certificate.
 */
void
cs_store_upload_chain_async (CsStore             *self,
                             CsRecord            *record,
                             GBytes              *data,
                             const char          *file_name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CS_IS_STORE (self));
  g_return_if_fail (CS_IS_RECORD (record));
  g_return_if_fail (data != NULL);
  run_async (self, record, upload_op (self, cs_store_op_upload_chain, record, data, file_name),
             cancellable, callback, user_data, cs_store_upload_chain_async);
}

/**
 * cs_store_upload_chain_finish:
 * @self: a #CsStore
 * @result: the result
 * @report: (out) (optional) (nullable) (transfer full): the checks, when they ran
 * @error: return location for an error
 *
 * Returns: %TRUE if the chain is stored
 */
gboolean
cs_store_upload_chain_finish (CsStore              *self,
                              GAsyncResult         *result,
                              CsInspectionReport  **report,
                              GError              **error)
{
  return finish_upload (self, result, report, error);
}

/**
 * cs_store_upload_chain_sync:
 * @self: an open #CsStore
 * @record: a record of @self with a certificate
 * @data: the chain file's bytes
 * @file_name: (nullable): the file's name
 * @report: (out) (optional) (nullable) (transfer full): the checks, when they ran
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE if the chain is stored
 */
gboolean
cs_store_upload_chain_sync (CsStore              *self,
                            CsRecord             *record,
                            GBytes               *data,
                            const char           *file_name,
                            CsInspectionReport  **report,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (CS_IS_RECORD (record), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  return sync_upload (self, record,
                      upload_op (self, cs_store_op_upload_chain, record, data, file_name),
                      report, cancellable, error);
}

/* Finalize, make default, delete: a record and nothing else. */

#define RECORD_OPERATION(op_name, work_func)                                         \
void                                                                                 \
cs_store_##op_name##_async (CsStore             *self,                               \
                            CsRecord            *record,                             \
                            GCancellable        *cancellable,                        \
                            GAsyncReadyCallback  callback,                           \
                            gpointer             user_data)                          \
{                                                                                    \
  g_return_if_fail (CS_IS_STORE (self));                                             \
  g_return_if_fail (CS_IS_RECORD (record));                                          \
  run_async (self, record, op_new (self, work_func, record), cancellable, callback,   \
             user_data, cs_store_##op_name##_async);                                 \
}                                                                                    \
                                                                                     \
gboolean                                                                             \
cs_store_##op_name##_finish (CsStore       *self,                                    \
                             GAsyncResult  *result,                                  \
                             GError       **error)                                   \
{                                                                                    \
  return finish_boolean (self, result, error);                                       \
}                                                                                    \
                                                                                     \
gboolean                                                                             \
cs_store_##op_name##_sync (CsStore       *self,                                      \
                           CsRecord      *record,                                    \
                           GCancellable  *cancellable,                               \
                           GError       **error)                                     \
{                                                                                    \
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);                                  \
  g_return_val_if_fail (CS_IS_RECORD (record), FALSE);                               \
  return run_sync_boolean (self, record, op_new (self, work_func, record),           \
                           cancellable, error);                                      \
}

/**
 * cs_store_finalize_async:
 * @self: an open #CsStore
 * @record: a draft with its certificate (and optional chain) uploaded
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes the record ready (%CS_RECORD_STATE_CERT_READY). The _finish and
 * _sync forms return %TRUE on success.
 */
RECORD_OPERATION (finalize, cs_store_op_finalize)

/**
 * cs_store_make_default_async:
 * @self: an open #CsStore
 * @record: an enabled, ready record
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes @record the saved default, clearing the old default in the same
 * transaction. The _finish and _sync forms return %TRUE on success.
 */
RECORD_OPERATION (make_default, cs_store_op_make_default)

/**
 * cs_store_delete_record_async:
 * @self: an open #CsStore
 * @record: a record that is neither the saved nor the active default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes the record and destroys its key. The _finish and _sync forms
 * return %TRUE on success.
 */
RECORD_OPERATION (delete_record, cs_store_op_delete)

/* Loading. */

/**
 * cs_store_load_details_async:
 * @self: an open #CsStore
 * @record: a record of @self
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Loads the key pair, CSR, certificate, chain and root of @record.
 */
void
cs_store_load_details_async (CsStore             *self,
                             CsRecord            *record,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CS_IS_STORE (self));
  g_return_if_fail (CS_IS_RECORD (record));
  run_async (self, record, op_new (self, cs_store_op_load_details, record), cancellable,
             callback, user_data, cs_store_load_details_async);
}

/**
 * cs_store_load_details_finish:
 * @self: a #CsStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the details
 */
CsRecordDetails *
cs_store_load_details_finish (CsStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  if (!finish_boolean (self, result, error))
    return NULL;
  return g_object_ref (finished_op (result)->details);
}

/**
 * cs_store_load_details_sync:
 * @self: an open #CsStore
 * @record: a record of @self
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the details
 */
CsRecordDetails *
cs_store_load_details_sync (CsStore       *self,
                            CsRecord      *record,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (CS_IS_RECORD (record), NULL);

  job = run_sync (self, record, op_new (self, cs_store_op_load_details, record), cancellable);
  return job_result (job, error) ? g_object_ref (job->op->details) : NULL;
}

static GListModel *
history_model (CsStoreOp *op)
{
  GListStore *events = g_list_store_new (CS_TYPE_HISTORY_EVENT);

  for (guint i = 0; i < op->history->len; i++)
    {
      g_autoptr(CsHistoryEvent) event =
        cs_history_event_new_from_row (g_ptr_array_index (op->history, i));

      g_list_store_append (events, event);
    }
  return G_LIST_MODEL (events);
}

/**
 * cs_store_load_history_async:
 * @self: an open #CsStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Loads the history of the store.
 */
void
cs_store_load_history_async (CsStore             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CS_IS_STORE (self));
  run_async (self, NULL, op_new (self, cs_store_op_load_history, NULL), cancellable, callback,
             user_data, cs_store_load_history_async);
}

/**
 * cs_store_load_history_finish:
 * @self: a #CsStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a #GListModel of #CsHistoryEvent,
 *   newest first
 */
GListModel *
cs_store_load_history_finish (CsStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  if (!finish_boolean (self, result, error))
    return NULL;
  return history_model (finished_op (result));
}

/**
 * cs_store_load_history_sync:
 * @self: an open #CsStore
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a #GListModel of #CsHistoryEvent,
 *   newest first
 */
GListModel *
cs_store_load_history_sync (CsStore       *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  job = run_sync (self, NULL, op_new (self, cs_store_op_load_history, NULL), cancellable);
  return job_result (job, error) ? history_model (job->op) : NULL;
}

/* Activation. */

static CsStoreOp *
activate_op (CsStore    *self,
             const char *deploy_dir)
{
  CsStoreOp *op = op_new (self, cs_store_op_activate, NULL);

  op->deploy_dir = deploy_dir != NULL ? g_canonicalize_filename (deploy_dir, NULL)
                                      : cs_store_dup_default_deploy_dir ();
  op->pending_text = g_strjoinv ("\n", self->pending);
  return op;
}

/**
 * cs_store_activate_async:
 * @self: an open #CsStore
 * @deploy_dir: (nullable): the bundle folder; %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Publishes the bundle of the saved default atomically (an empty bundle
 * without a default), records the activation in the history, and makes the
 * saved configuration the active one. If the bundle cannot be written,
 * nothing changes.
 */
void
cs_store_activate_async (CsStore             *self,
                         const char          *deploy_dir,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (CS_IS_STORE (self));
  run_async (self, NULL, activate_op (self, deploy_dir), cancellable, callback, user_data,
             cs_store_activate_async);
}

/**
 * cs_store_activate_finish:
 * @self: a #CsStore
 * @result: the result
 * @error: return location for an error (%CS_ERROR_DEPLOY, CS_ERROR_STORE_*)
 *
 * Returns: %TRUE if activated
 */
gboolean
cs_store_activate_finish (CsStore       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return finish_boolean (self, result, error);
}

/**
 * cs_store_activate_sync:
 * @self: an open #CsStore
 * @deploy_dir: (nullable): the bundle folder; %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: %TRUE if activated
 */
gboolean
cs_store_activate_sync (CsStore       *self,
                        const char    *deploy_dir,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  return run_sync_boolean (self, NULL, activate_op (self, deploy_dir), cancellable, error);
}
