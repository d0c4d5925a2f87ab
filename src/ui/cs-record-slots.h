/* cs-record-slots.h — the list view's rows, kept while the records in them change
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-record.h"

G_BEGIN_DECLS

#define CS_TYPE_RECORD_SLOT (cs_record_slot_get_type ())

G_DECLARE_FINAL_TYPE (CsRecordSlot, cs_record_slot, CS, RECORD_SLOT, GObject)

/* The record shown in the slot's row; NULL while the slot is on its way
 * out (the row is then hidden). */
CsRecord *cs_record_slot_get_record (CsRecordSlot *self);

#define CS_TYPE_RECORD_SLOTS (cs_record_slots_get_type ())

G_DECLARE_FINAL_TYPE (CsRecordSlots, cs_record_slots, CS, RECORD_SLOTS, GObject)

/* A selection model for a GtkColumnView over @selection's records.
 *
 * Its item at position i is a CsRecordSlot whose record is @selection's
 * item i. When @selection's items change, the slots stay where they are
 * and take their new records (CsRecordSlot:record changes); only a change
 * of the number of items adds or removes slots, at the end. GTK 4.8's list
 * views destroy and rebuild every row widget of a changed range (up to 200
 * rows, each a dozen widgets), which over 10,000 records makes a filter
 * keystroke or a sort take 100 ms and more; rows whose slot stays are
 * instead kept and just show another record. New rows near the top are
 * added a few per main loop iteration, below the redraw's priority, so
 * that no frame waits for the hundreds of widgets GTK builds for them.
 *
 * Selection is @selection's own: every GtkSelectionModel call is passed on
 * to it, and its selection follows a record as it moves. */
CsRecordSlots *cs_record_slots_new           (GtkSelectionModel *selection);
GtkSelectionModel *cs_record_slots_get_selection (CsRecordSlots *self);

G_END_DECLS
