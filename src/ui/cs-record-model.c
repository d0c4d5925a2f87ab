/* cs-record-model.c — a list of records that reports edited records
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-record-model.h"

struct _CsRecordModel
{
  GObject     parent_instance;

  GListModel *source;
  GPtrArray  *items;      /* the source's records, in order, each watched */
  GHashTable *changed;    /* records to report as changed */
  guint       report_id;
};

static void cs_record_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsRecordModel, cs_record_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cs_record_model_list_model_init))

static GType
cs_record_model_get_item_type (GListModel *model)
{
  return CS_TYPE_RECORD;
}

static guint
cs_record_model_get_n_items (GListModel *model)
{
  return CS_RECORD_MODEL (model)->items->len;
}

static gpointer
cs_record_model_get_item (GListModel *model,
                          guint       position)
{
  CsRecordModel *self = CS_RECORD_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
cs_record_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cs_record_model_get_item_type;
  iface->get_n_items = cs_record_model_get_n_items;
  iface->get_item = cs_record_model_get_item;
}

static gboolean
report_changed_cb (gpointer data)
{
  CsRecordModel *self = data;
  GHashTableIter iter;
  gpointer record;
  guint position;

  self->report_id = 0;
  g_hash_table_iter_init (&iter, self->changed);
  while (g_hash_table_iter_next (&iter, &record, NULL))
    {
      g_hash_table_iter_remove (&iter);
      if (g_ptr_array_find (self->items, record, &position))
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }

  return G_SOURCE_REMOVE;
}

/* A record changes several properties at once: report it once, later. */
static void
record_notify_cb (CsRecord      *record,
                  GParamSpec    *pspec,
                  CsRecordModel *self)
{
  g_hash_table_add (self->changed, record);
  if (self->report_id == 0)
    self->report_id = g_idle_add (report_changed_cb, self);
}

static void
unwatch (CsRecordModel *self,
         CsRecord      *record)
{
  g_signal_handlers_disconnect_by_func (record, record_notify_cb, self);
  g_hash_table_remove (self->changed, record);
}

static void
source_items_changed_cb (GListModel    *source,
                         guint          position,
                         guint          removed,
                         guint          added,
                         CsRecordModel *self)
{
  for (guint i = position; i < position + removed; i++)
    unwatch (self, g_ptr_array_index (self->items, i));
  g_ptr_array_remove_range (self->items, position, removed);

  for (guint i = position; i < position + added; i++)
    {
      CsRecord *record = g_list_model_get_item (source, i);

      g_ptr_array_insert (self->items, i, record);
      g_signal_connect (record, "notify", G_CALLBACK (record_notify_cb), self);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

CsRecordModel *
cs_record_model_new (GListModel *source)
{
  CsRecordModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);
  g_return_val_if_fail (g_type_is_a (g_list_model_get_item_type (source), CS_TYPE_RECORD), NULL);

  self = g_object_new (CS_TYPE_RECORD_MODEL, NULL);
  self->source = g_object_ref (source);
  g_signal_connect (source, "items-changed", G_CALLBACK (source_items_changed_cb), self);
  source_items_changed_cb (source, 0, 0, g_list_model_get_n_items (source), self);
  return self;
}

GListModel *
cs_record_model_get_source (CsRecordModel *self)
{
  g_return_val_if_fail (CS_IS_RECORD_MODEL (self), NULL);

  return self->source;
}

static void
cs_record_model_dispose (GObject *object)
{
  CsRecordModel *self = CS_RECORD_MODEL (object);

  g_clear_handle_id (&self->report_id, g_source_remove);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, source_items_changed_cb, self);
  for (guint i = 0; i < self->items->len; i++)
    unwatch (self, g_ptr_array_index (self->items, i));
  g_ptr_array_set_size (self->items, 0);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (cs_record_model_parent_class)->dispose (object);
}

static void
cs_record_model_finalize (GObject *object)
{
  CsRecordModel *self = CS_RECORD_MODEL (object);

  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->changed);

  G_OBJECT_CLASS (cs_record_model_parent_class)->finalize (object);
}

static void
cs_record_model_class_init (CsRecordModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_record_model_dispose;
  object_class->finalize = cs_record_model_finalize;
}

static void
cs_record_model_init (CsRecordModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->changed = g_hash_table_new (NULL, NULL);
}
