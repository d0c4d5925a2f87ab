/* cs-record-slots.c — the list view's rows, kept while the records in them change
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-record-slots.h"

/* --- CsRecordSlot ------------------------------------------------------ */

struct _CsRecordSlot
{
  GObject   parent_instance;

  CsRecord *record;
};

enum {
  SLOT_PROP_0,
  SLOT_PROP_RECORD,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];

G_DEFINE_FINAL_TYPE (CsRecordSlot, cs_record_slot, G_TYPE_OBJECT)

CsRecord *
cs_record_slot_get_record (CsRecordSlot *self)
{
  g_return_val_if_fail (CS_IS_RECORD_SLOT (self), NULL);

  return self->record;
}

/* Only the slots of the rows GTK keeps (some 200) are watched; telling
 * the thousands of others costs GLib 2.74 a full notification each. */
static void
cs_record_slot_set_record (CsRecordSlot *self,
                           CsRecord     *record)
{
  static guint notify_id;

  if (!g_set_object (&self->record, record))
    return;
  if (notify_id == 0)
    notify_id = g_signal_lookup ("notify", G_TYPE_OBJECT);
  if (g_signal_has_handler_pending (self, notify_id, g_quark_from_static_string ("record"), FALSE))
    g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_RECORD]);
}

static CsRecordSlot *
cs_record_slot_new (CsRecord *record)
{
  CsRecordSlot *self = g_object_new (CS_TYPE_RECORD_SLOT, NULL);

  self->record = g_object_ref (record);
  return self;
}

static void
cs_record_slot_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsRecordSlot *self = CS_RECORD_SLOT (object);

  switch (prop_id)
    {
    case SLOT_PROP_RECORD:
      g_value_set_object (value, self->record);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_record_slot_dispose (GObject *object)
{
  g_clear_object (&CS_RECORD_SLOT (object)->record);

  G_OBJECT_CLASS (cs_record_slot_parent_class)->dispose (object);
}

static void
cs_record_slot_class_init (CsRecordSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cs_record_slot_get_property;
  object_class->dispose = cs_record_slot_dispose;

  /**
   * CsRecordSlot:record:
   *
   * The record shown in this row now.
   */
  slot_properties[SLOT_PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CS_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
cs_record_slot_init (CsRecordSlot *self)
{
}

/* --- CsRecordSlots ----------------------------------------------------- */

struct _CsRecordSlots
{
  GObject            parent_instance;

  GtkSelectionModel *selection;
  GPtrArray         *slots;      /* a CsRecordSlot per item of selection, or
                                    * fewer while they are added, or more
                                    * while those left over are let go */
  guint              n_shown;    /* the slots with a record: selection's
                                    * first ones; the rest are on their way
                                    * out, their rows hidden */
  guint              grow_id;
  guint              trim_id;
  guint              selected;   /* the selected position as last told */
};

static void cs_record_slots_list_model_init      (GListModelInterface        *iface);
static void cs_record_slots_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsRecordSlots, cs_record_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cs_record_slots_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      cs_record_slots_selection_model_init))

static GType
cs_record_slots_get_item_type (GListModel *model)
{
  return CS_TYPE_RECORD_SLOT;
}

static guint
cs_record_slots_get_n_items (GListModel *model)
{
  return CS_RECORD_SLOTS (model)->slots->len;
}

static gpointer
cs_record_slots_get_item (GListModel *model,
                          guint       position)
{
  CsRecordSlots *self = CS_RECORD_SLOTS (model);

  if (position >= self->slots->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->slots, position));
}

static void
cs_record_slots_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cs_record_slots_get_item_type;
  iface->get_n_items = cs_record_slots_get_n_items;
  iface->get_item = cs_record_slots_get_item;
}

/* The selection is the wrapped model's: each call is passed on. */

static gboolean
cs_record_slots_is_selected (GtkSelectionModel *model,
                             guint              position)
{
  return gtk_selection_model_is_selected (CS_RECORD_SLOTS (model)->selection, position);
}

static GtkBitset *
cs_record_slots_get_selection_in_range (GtkSelectionModel *model,
                                        guint              position,
                                        guint              n_items)
{
  return gtk_selection_model_get_selection_in_range (CS_RECORD_SLOTS (model)->selection,
                                                     position, n_items);
}

static gboolean
cs_record_slots_select_item (GtkSelectionModel *model,
                             guint              position,
                             gboolean           unselect_rest)
{
  return gtk_selection_model_select_item (CS_RECORD_SLOTS (model)->selection,
                                          position, unselect_rest);
}

static gboolean
cs_record_slots_unselect_item (GtkSelectionModel *model,
                               guint              position)
{
  return gtk_selection_model_unselect_item (CS_RECORD_SLOTS (model)->selection, position);
}

static gboolean
cs_record_slots_select_range (GtkSelectionModel *model,
                              guint              position,
                              guint              n_items,
                              gboolean           unselect_rest)
{
  return gtk_selection_model_select_range (CS_RECORD_SLOTS (model)->selection,
                                           position, n_items, unselect_rest);
}

static gboolean
cs_record_slots_unselect_range (GtkSelectionModel *model,
                                guint              position,
                                guint              n_items)
{
  return gtk_selection_model_unselect_range (CS_RECORD_SLOTS (model)->selection,
                                             position, n_items);
}

static gboolean
cs_record_slots_select_all (GtkSelectionModel *model)
{
  return gtk_selection_model_select_all (CS_RECORD_SLOTS (model)->selection);
}

static gboolean
cs_record_slots_unselect_all (GtkSelectionModel *model)
{
  return gtk_selection_model_unselect_all (CS_RECORD_SLOTS (model)->selection);
}

static gboolean
cs_record_slots_set_selection (GtkSelectionModel *model,
                               GtkBitset         *selected,
                               GtkBitset         *mask)
{
  return gtk_selection_model_set_selection (CS_RECORD_SLOTS (model)->selection,
                                            selected, mask);
}

static void
cs_record_slots_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = cs_record_slots_is_selected;
  iface->get_selection_in_range = cs_record_slots_get_selection_in_range;
  iface->select_item = cs_record_slots_select_item;
  iface->unselect_item = cs_record_slots_unselect_item;
  iface->select_range = cs_record_slots_select_range;
  iface->unselect_range = cs_record_slots_unselect_range;
  iface->select_all = cs_record_slots_select_all;
  iface->unselect_all = cs_record_slots_unselect_all;
  iface->set_selection = cs_record_slots_set_selection;
}

/* The first selected position of the wrapped model (a single selection's
 * one), or GTK_INVALID_LIST_POSITION. */
static guint
first_selected (CsRecordSlots *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (self->selection);

  return gtk_bitset_is_empty (selected) ? GTK_INVALID_LIST_POSITION
                                        : gtk_bitset_get_minimum (selected);
}

static void
selection_changed_cb (GtkSelectionModel *selection,
                      guint              position,
                      guint              n_items,
                      CsRecordSlots     *self)
{
  self->selected = first_selected (self);
  if (position >= self->slots->len)
    return;
  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position,
                                         MIN (n_items, self->slots->len - position));
}

/* GTK 4.8 rebinds every row told of a selection change (unbind, bind),
 * so only the rows whose selection did change are told: the one that was
 * selected and the one that is now, if the selected record moved. */
static void
selection_moved (CsRecordSlots *self)
{
  guint old = self->selected;
  guint now = first_selected (self);

  self->selected = now;
  if (old == now)
    return;
  if (old < self->slots->len)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), old, 1);
  if (now < self->slots->len)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), now, 1);
}

/* Rows are added to the view a few at a time while there are few: each
 * new row near the top is a dozen widgets to build (about half a
 * millisecond), and GTK 4.8 builds up to 200 of them at once. Past
 * EAGER_SLOTS, new rows are off screen and cost no widgets to add. */
#define SLOTS_PER_STEP 4
#define EAGER_SLOTS    256
/* Past them a step is only the slots' own objects (some 2 µs each). */
#define OFFSCREEN_SLOTS_PER_STEP 2048

static gboolean grow_cb (gpointer data);

static void
grow (CsRecordSlots *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint old_n = self->slots->len;
  guint n = g_list_model_get_n_items (model);
  guint step;

  if (old_n >= n || self->n_shown < old_n)
    {
      g_clear_handle_id (&self->grow_id, g_source_remove);
      return;
    }

  step = MIN (old_n < EAGER_SLOTS ? SLOTS_PER_STEP : OFFSCREEN_SLOTS_PER_STEP, n - old_n);
  for (guint i = old_n; i < old_n + step; i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (model, i);

      g_ptr_array_add (self->slots, cs_record_slot_new (record));
    }
  self->n_shown = self->slots->len;
  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, step);

  /* Below GDK's redraw: a frame is painted between two steps. */
  if (self->slots->len < n && self->grow_id == 0)
    self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
  else if (self->slots->len >= n)
    g_clear_handle_id (&self->grow_id, g_source_remove);
}

static gboolean
grow_cb (gpointer data)
{
  CsRecordSlots *self = data;

  self->grow_id = 0;
  grow (self);
  return G_SOURCE_REMOVE;
}

/* Rows GTK no longer needs are destroyed (some 0.25 ms each, and GTK 4.8
 * keeps up to 200): when a search leaves fewer results, the slots near the
 * top that are left over lose their record (their rows are hidden, see
 * cs-record-list.c) and are let go a few per main loop iteration; a
 * search that widens again first gives them records back. Those past
 * EAGER_SLOTS have no rows (the list is at its top) and go at once. */
#define TRIMMED_PER_STEP 8

static gboolean
trim_cb (gpointer data)
{
  CsRecordSlots *self = data;
  guint n = self->slots->len;
  guint step = MIN (n - self->n_shown, TRIMMED_PER_STEP);

  g_ptr_array_set_size (self->slots, n - step);
  if (step > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), n - step, step, 0);
  if (self->slots->len > self->n_shown)
    return G_SOURCE_CONTINUE;
  self->trim_id = 0;
  return G_SOURCE_REMOVE;
}

static void
shrink (CsRecordSlots *self,
        guint          n)
{
  guint old_n = self->slots->len;
  guint keep = MAX (n, MIN (old_n, EAGER_SLOTS));

  g_clear_handle_id (&self->grow_id, g_source_remove);
  for (guint i = n; i < MIN (self->n_shown, keep); i++)
    cs_record_slot_set_record (g_ptr_array_index (self->slots, i), NULL);
  self->n_shown = n;
  if (keep < old_n)
    {
      g_ptr_array_set_size (self->slots, keep);
      g_list_model_items_changed (G_LIST_MODEL (self), keep, old_n - keep, 0);
    }
  if (self->slots->len > n && self->trim_id == 0)
    self->trim_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, trim_cb, self, NULL);
}

/* The slots that stay take the records now at their positions: all of
 * those from @position on when the count changed (the rest moved up or
 * down), else just the changed range; slots on their way out are given
 * records again first. Then slots are let go at the end (see shrink()),
 * or added (see grow()), and the view is told where the selection moved
 * with its record. */
static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  CsRecordSlots *self)
{
  guint old_n = self->n_shown;
  guint new_n = g_list_model_get_n_items (model);
  guint kept = MIN (MAX (old_n, MIN (new_n, self->slots->len)), new_n);
  guint end = removed == added && new_n <= old_n ? MIN (position + added, kept) : kept;

  for (guint i = position; i < end; i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (model, i);

      cs_record_slot_set_record (g_ptr_array_index (self->slots, i), record);
    }
  self->n_shown = MAX (old_n, MIN (new_n, self->slots->len));
  if (self->n_shown == self->slots->len)
    g_clear_handle_id (&self->trim_id, g_source_remove);

  if (new_n < old_n)
    {
      shrink (self, new_n);
    }
  else if (new_n > self->slots->len && self->grow_id == 0)
    {
      /* Not now: this change (a batch of records loaded, a keystroke)
       * has its own cost, and a frame is painted first. */
      self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
    }

  selection_moved (self);
}

CsRecordSlots *
cs_record_slots_new (GtkSelectionModel *selection)
{
  CsRecordSlots *self;

  g_return_val_if_fail (GTK_IS_SELECTION_MODEL (selection), NULL);

  self = g_object_new (CS_TYPE_RECORD_SLOTS, NULL);
  self->selection = g_object_ref (selection);
  self->selected = first_selected (self);
  g_signal_connect (selection, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect (selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  grow (self);

  return self;
}

GtkSelectionModel *
cs_record_slots_get_selection (CsRecordSlots *self)
{
  g_return_val_if_fail (CS_IS_RECORD_SLOTS (self), NULL);

  return self->selection;
}

static void
cs_record_slots_dispose (GObject *object)
{
  CsRecordSlots *self = CS_RECORD_SLOTS (object);

  g_clear_handle_id (&self->grow_id, g_source_remove);
  g_clear_handle_id (&self->trim_id, g_source_remove);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_ptr_array_set_size (self->slots, 0);

  G_OBJECT_CLASS (cs_record_slots_parent_class)->dispose (object);
}

static void
cs_record_slots_finalize (GObject *object)
{
  g_ptr_array_unref (CS_RECORD_SLOTS (object)->slots);

  G_OBJECT_CLASS (cs_record_slots_parent_class)->finalize (object);
}

static void
cs_record_slots_class_init (CsRecordSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_record_slots_dispose;
  object_class->finalize = cs_record_slots_finalize;
}

static void
cs_record_slots_init (CsRecordSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
}
