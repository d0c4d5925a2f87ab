/* test-record-slots.c — the list view's rows stay while their records change
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "cs-record-slots.h"
#include "cs-store.h"
#include "cs-test-store.h"
#include "cs-test-util.h"

#define N_RECORDS 40

typedef struct
{
  CsStore            *store;
  GListStore         *source;
  GtkSingleSelection *selection;
  CsRecordSlots      *slots;
  GPtrArray          *changes;    /* "position removed added" of the slots */
  guint               notified;   /* CsRecordSlot:record notifications */
  guint               selection_changes;
  guint               selection_first;
  guint               selection_n;
} Fixture;

static void
slots_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        Fixture    *f)
{
  g_ptr_array_add (f->changes, g_strdup_printf ("%u %u %u", position, removed, added));
}

static void
slots_selection_changed_cb (GtkSelectionModel *model,
                            guint              position,
                            guint              n_items,
                            Fixture           *f)
{
  f->selection_changes++;
  f->selection_first = position;
  f->selection_n = n_items;
}

static void
slot_notify_cb (CsRecordSlot *slot,
                GParamSpec   *pspec,
                Fixture      *f)
{
  f->notified++;
}

static guint
n_slots (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->slots));
}

/* Lets the slots' idle growth, or their letting go, run to the end. */
static void
settle (Fixture *f)
{
  guint idle_rounds = 0;

  while (n_slots (f) != g_list_model_get_n_items (G_LIST_MODEL (f->selection)))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (++idle_rounds, <, 10000);
    }
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static CsRecordSlot *
slot_at (Fixture *f,
         guint    position)
{
  CsRecordSlot *slot = g_list_model_get_item (G_LIST_MODEL (f->slots), position);

  g_assert_nonnull (slot);
  g_object_unref (slot);   /* the slots model holds it */
  return slot;
}

/* The first slots show the records at their positions in the source; any
 * others are on their way out, without a record. */
static void
assert_shown_match (Fixture *f)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->source));

  g_assert_cmpuint (n_slots (f), >=, n);
  for (guint i = n; i < n_slots (f); i++)
    g_assert_null (cs_record_slot_get_record (slot_at (f, i)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (G_LIST_MODEL (f->source), i);

      g_assert_true (cs_record_slot_get_record (slot_at (f, i)) == record);
    }
}

/* Every slot shows the record at its position in the source. */
static void
assert_slots_match (Fixture *f)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->source));

  g_assert_cmpuint (n_slots (f), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (G_LIST_MODEL (f->source), i);

      g_assert_true (cs_record_slot_get_record (slot_at (f, i)) == record);
    }
}

/* Watches each slot present now for record changes. */
static void
watch_slots (Fixture *f)
{
  for (guint i = 0; i < n_slots (f); i++)
    {
      CsRecordSlot *slot = slot_at (f, i);

      g_signal_handlers_disconnect_by_func (slot, slot_notify_cb, f);
      g_signal_connect (slot, "notify::record", G_CALLBACK (slot_notify_cb), f);
    }
  f->notified = 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint counter;
  g_autofree char *path = g_strdup_printf ("%s/store-%u/chainsmith.db",
                                           cs_test_get_tmp_dir (), ++counter);

  f->store = cs_test_store_open (path);
  f->source = g_list_store_new (CS_TYPE_RECORD);
  for (guint i = 0; i < N_RECORDS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Record %02u", i);
      g_autoptr(CsRecord) record = cs_test_store_add (f->store, name);

      g_list_store_append (f->source, record);
    }
  f->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (f->source)));
  gtk_single_selection_set_autoselect (f->selection, FALSE);
  gtk_single_selection_set_can_unselect (f->selection, TRUE);
  f->changes = g_ptr_array_new_with_free_func (g_free);
  f->slots = cs_record_slots_new (GTK_SELECTION_MODEL (f->selection));
  g_signal_connect (f->slots, "items-changed", G_CALLBACK (slots_items_changed_cb), f);
  g_signal_connect (f->slots, "selection-changed", G_CALLBACK (slots_selection_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->slots);
  g_assert_finalize_object (f->selection);
  g_assert_finalize_object (f->source);
  g_ptr_array_unref (f->changes);
  g_assert_finalize_object (f->store);
}

/* The rows come a few at a time, each time at the end, until there is
 * one per record, each showing its record. */
static void
test_slots_grow (Fixture       *f,
                 gconstpointer  data)
{
  guint expected_position = n_slots (f);

  g_assert_cmpuint (g_list_model_get_item_type (G_LIST_MODEL (f->slots)), ==, CS_TYPE_RECORD_SLOT);
  g_assert_cmpuint (n_slots (f), >, 0);
  g_assert_cmpuint (n_slots (f), <, N_RECORDS);
  settle (f);
  assert_slots_match (f);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->slots), N_RECORDS));

  g_assert_cmpuint (f->changes->len, >=, 2);
  for (guint i = 0; i < f->changes->len; i++)
    {
      guint position, removed, added;

      g_assert_cmpint (sscanf (g_ptr_array_index (f->changes, i), "%u %u %u",
                               &position, &removed, &added), ==, 3);
      g_assert_cmpuint (position, ==, expected_position);
      g_assert_cmpuint (removed, ==, 0);
      g_assert_cmpuint (added, >, 0);
      expected_position += added;
    }
  g_assert_cmpuint (expected_position, ==, N_RECORDS);
}

/* Records leave the middle (a narrower search): the slots stay where they
 * are and take the records that move up; those left over at the end lose
 * their record at once and are let go later, from the end, a few at a
 * time. A wider search first gives them records again. */
static void
test_slots_records_move (Fixture       *f,
                         gconstpointer  data)
{
  CsRecordSlot *before[N_RECORDS];
  CsRecord *outside;
  g_autoptr(GPtrArray) back = g_ptr_array_new_with_free_func (g_object_unref);
  guint expected_end = N_RECORDS;

  settle (f);
  for (guint i = 0; i < N_RECORDS; i++)
    before[i] = slot_at (f, i);
  watch_slots (f);
  g_ptr_array_set_size (f->changes, 0);

  g_list_store_splice (f->source, 5, 10, NULL, 0);
  g_assert_cmpuint (n_slots (f), ==, N_RECORDS);
  for (guint i = 0; i < N_RECORDS; i++)
    g_assert_true (slot_at (f, i) == before[i]);
  assert_shown_match (f);
  /* 25 took the records that moved up, 10 lost theirs. */
  g_assert_cmpuint (f->notified, ==, N_RECORDS - 5);
  g_assert_cmpuint (f->changes->len, ==, 0);
  /* Nothing is selected: the view is not told of any selection change
   * (GTK 4.8 would unbind and bind again every row told). */
  g_assert_cmpuint (f->selection_changes, ==, 0);

  /* Three come back before the rest is let go: the same slots take them,
   * and the view is told of no change. */
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (back, g_list_model_get_item (G_LIST_MODEL (f->source), i));
  g_list_store_splice (f->source, N_RECORDS - 10, 0, back->pdata, back->len);
  g_assert_cmpuint (n_slots (f), ==, N_RECORDS);
  assert_shown_match (f);
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* The other seven go from the end, in steps. */
  settle (f);
  g_assert_cmpuint (f->changes->len, >=, 1);
  for (guint i = 0; i < f->changes->len; i++)
    {
      guint position, removed, added;

      g_assert_cmpint (sscanf (g_ptr_array_index (f->changes, i), "%u %u %u",
                               &position, &removed, &added), ==, 3);
      g_assert_cmpuint (added, ==, 0);
      g_assert_cmpuint (position + removed, ==, expected_end);
      expected_end = position;
    }
  g_assert_cmpuint (expected_end, ==, N_RECORDS - 7);
  for (guint i = 0; i < N_RECORDS - 7; i++)
    g_assert_true (slot_at (f, i) == before[i]);
  assert_slots_match (f);
  g_list_store_splice (f->source, N_RECORDS - 10, 3, NULL, 0);
  settle (f);

  /* One record replaced in place (an edited record the sort keeps there):
   * that slot alone changes, and the count does not. */
  outside = cs_record_slot_get_record (before[0]);
  f->notified = 0;
  g_ptr_array_set_size (f->changes, 0);
  g_list_store_splice (f->source, 3, 1, (gpointer *) &outside, 1);
  assert_slots_match (f);
  g_assert_true (slot_at (f, 3) == before[3]);
  g_assert_cmpuint (f->notified, ==, 1);
  g_assert_cmpuint (f->changes->len, ==, 0);
}

/* The selection is the wrapped model's, and follows its record. */
static void
test_slots_selection (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsRecord) chosen = NULL;

  settle (f);
  chosen = g_list_model_get_item (G_LIST_MODEL (f->source), 20);

  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->slots), 20, TRUE));
  g_assert_cmpuint (gtk_single_selection_get_selected (f->selection), ==, 20);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (f->slots), 20));
  g_assert_cmpuint (f->selection_changes, >=, 1);

  /* Five records leave the top: the selection moves up with its record. */
  f->selection_changes = 0;
  g_list_store_splice (f->source, 0, 5, NULL, 0);
  g_assert_true (gtk_single_selection_get_selected_item (f->selection) == (gpointer) chosen);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (f->slots), 15));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (f->slots), 20));
  g_assert_true (cs_record_slot_get_record (slot_at (f, 15)) == chosen);
  /* The view is told of the two rows whose selection changed, and of no
   * other (the last told is the new one). */
  g_assert_cmpuint (f->selection_changes, ==, 2);
  g_assert_cmpuint (f->selection_first, ==, 15);
  g_assert_cmpuint (f->selection_n, ==, 1);

  /* Records leave below it: the selection does not move, and the view is
   * told nothing. */
  f->selection_changes = 0;
  g_list_store_splice (f->source, 25, 5, NULL, 0);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (f->slots), 15));
  g_assert_cmpuint (f->selection_changes, ==, 0);

  g_assert_true (gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (f->slots), 15));
  g_assert_cmpuint (gtk_single_selection_get_selected (f->selection), ==, GTK_INVALID_LIST_POSITION);
  g_assert_true (cs_record_slots_get_selection (f->slots) == GTK_SELECTION_MODEL (f->selection));
}

/* The list shrinks while rows are still being added: the growth stops at
 * the new count. */
static void
test_slots_shrink_while_growing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) more = g_ptr_array_new ();

  settle (f);
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (more, g_list_model_get_item (G_LIST_MODEL (f->source), i % N_RECORDS));
  g_list_store_splice (f->source, N_RECORDS, 0, more->pdata, more->len);
  g_ptr_array_foreach (more, (GFunc) (void (*) (void)) g_object_unref, NULL);
  /* Not in the change itself: from the next main loop iteration on. */
  g_assert_cmpuint (n_slots (f), ==, N_RECORDS);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (n_slots (f), >, N_RECORDS);
  g_assert_cmpuint (n_slots (f), <, N_RECORDS + 100);

  g_list_store_splice (f->source, 10, N_RECORDS + 100 - 10, NULL, 0);
  assert_shown_match (f);
  settle (f);
  assert_slots_match (f);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_init (&argc, &argv);

  g_test_add ("/record-slots/grow", Fixture, NULL, fixture_set_up, test_slots_grow, fixture_tear_down);
  g_test_add ("/record-slots/records-move", Fixture, NULL, fixture_set_up, test_slots_records_move,
              fixture_tear_down);
  g_test_add ("/record-slots/selection", Fixture, NULL, fixture_set_up, test_slots_selection,
              fixture_tear_down);
  g_test_add ("/record-slots/shrink-while-growing", Fixture, NULL, fixture_set_up,
              test_slots_shrink_while_growing, fixture_tear_down);

  return g_test_run ();
}
