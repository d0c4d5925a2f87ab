/* cs-record-list.c — the column view of the intermediate CA certificates
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-record-cell.h"
#include "cs-record-list.h"
#include "cs-record-model.h"
#include "cs-record-slots.h"

struct _CsRecordList
{
  GtkWidget            parent_instance;

  GSettings           *settings;
  GListModel          *model;
  GtkSortListModel    *sort_model;
  GtkFilterListModel  *filter_model;
  CsRecordSlots       *slots;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *filter;
  char                *search_text;
  char                *needle;          /* casefolded search text, NULL: none */
  guint                indexed;         /* records of model with a haystack */
  guint                index_id;

  GtkColumnViewColumn *columns[CS_N_RECORD_COLUMNS];
  GtkColumnViewColumn *actions_column;
  GSimpleActionGroup  *column_actions;
  GMenu               *columns_menu;
  GtkPopoverMenu      *context_menu;
  gboolean             restoring;
  int                  cell_padding;    /* a cell's own, -1 until measured */
  guint                widths_id;
  guint                narrow_hidden;   /* columns hidden for want of width */
  guint                narrow_id;
  gboolean             adapting;        /* showing or hiding for the width */
  int                  fixed_widths[CS_N_RECORD_COLUMNS];  /* as last set */

  /* Template widgets */
  GtkWidget           *scrolled_window;
  GtkColumnView       *column_view;
};

G_DEFINE_FINAL_TYPE (CsRecordList, cs_record_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SEARCH_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define RECORD_KEY "cs-record"
#define COLUMN_KEY "cs-column"

GtkWidget *
cs_record_list_new (void)
{
  return g_object_new (CS_TYPE_RECORD_LIST, NULL);
}

/* --- Search ------------------------------------------------------------ */

/* Compatibility-normalized and casefolded; ASCII (most of what a list
 * holds) is already normal, and folds to its lower case: the fast path
 * halves the cost of the index. */
static char *
fold (const char *text)
{
  g_autofree char *normalized = NULL;

  if (g_str_is_ascii (text))
    return g_ascii_strdown (text, -1);
  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  return g_utf8_casefold (normalized != NULL ? normalized : text, -1);
}

static void
haystack_invalidate_cb (CsRecord *record)
{
  g_signal_handlers_disconnect_by_func (record, haystack_invalidate_cb, NULL);
  g_object_set_data (G_OBJECT (record), "cs-haystack", NULL);
}

/* Every column's text, casefolded, one a line: computed once per record and
 * dropped when the record changes, so that typing filters 10,000 rows
 * within a frame. */
static const char *
get_haystack (CsRecord *record)
{
  const char *haystack = g_object_get_data (G_OBJECT (record), "cs-haystack");
  GString *text;

  if (haystack != NULL)
    return haystack;

  text = g_string_new (NULL);
  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    {
      g_autofree char *column_text = cs_record_column_dup_text (i, record);

      g_string_append_printf (text, "%s\n", column_text);
    }
  g_string_append_printf (text, "%s\n", cs_record_get_state_label (record));
  if (cs_record_get_default_certificate (record))
    g_string_append_printf (text, "%s\n", _("Default"));

  haystack = fold (text->str);
  g_string_free (text, TRUE);
  g_object_set_data_full (G_OBJECT (record), "cs-haystack", (char *) haystack, g_free);
  g_signal_connect (record, "notify", G_CALLBACK (haystack_invalidate_cb), NULL);

  return haystack;
}

/* The haystacks are made ahead, a slice per main loop iteration below the
 * redraw's priority, so that the first keystroke does not make 10,000 of
 * them (some 150 ms). A record that changes drops its haystack, and gets
 * it again when the filter asks. */
#define INDEX_SLICE 256

static gboolean
index_cb (gpointer data)
{
  CsRecordList *self = data;
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint end = MIN (self->indexed + INDEX_SLICE, n);

  for (; self->indexed < end; self->indexed++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (self->model, self->indexed);

      get_haystack (record);
    }

  if (self->indexed < n)
    return G_SOURCE_CONTINUE;
  self->index_id = 0;
  return G_SOURCE_REMOVE;
}

static void
model_items_changed_cb (GListModel   *model,
                        guint         position,
                        guint         removed,
                        guint         added,
                        CsRecordList *self)
{
  self->indexed = MIN (self->indexed, position);
  if (self->index_id == 0 && added > 0)
    self->index_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, index_cb, self, NULL);
}

static gboolean
filter_match_cb (gpointer item,
                 gpointer user_data)
{
  CsRecordList *self = user_data;

  if (self->needle == NULL)
    return TRUE;
  return strstr (get_haystack (item), self->needle) != NULL;
}

static GtkFilterChange
search_change (const char *old_needle,
               const char *new_needle)
{
  if (old_needle == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (new_needle == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  if (strstr (new_needle, old_needle) != NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (old_needle, new_needle) != NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

const char *
cs_record_list_get_search_text (CsRecordList *self)
{
  g_return_val_if_fail (CS_IS_RECORD_LIST (self), NULL);

  return self->search_text != NULL ? self->search_text : "";
}

void
cs_record_list_set_search_text (CsRecordList *self,
                                const char   *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *old_needle = NULL;
  GtkFilterChange change;

  g_return_if_fail (CS_IS_RECORD_LIST (self));

  if (g_strcmp0 (self->search_text, text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (text);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  old_needle = g_steal_pointer (&self->needle);
  self->needle = *stripped != '\0' ? fold (stripped) : NULL;

  if (g_strcmp0 (old_needle, self->needle) != 0)
    {
      change = search_change (old_needle, self->needle);
      gtk_filter_changed (GTK_FILTER (self->filter), change);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/* --- Row menus --------------------------------------------------------- */

static void
append_item (GMenu      *section,
             const char *label,
             const char *action,
             CsRecord   *record)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action,
                                           g_variant_new_int64 (cs_record_get_id (record)));
  g_menu_append_item (section, item);
}

static void
append_section (GMenu *menu,
                GMenu *section)
{
  if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
}

GMenuModel *
cs_record_list_create_menu (CsRecord *record)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) open = g_menu_new ();
  g_autoptr(GMenu) state = g_menu_new ();
  g_autoptr(GMenu) downloads = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  CsRecordState current = cs_record_get_current_state (record);

  g_return_val_if_fail (CS_IS_RECORD (record), NULL);

  append_item (open, _("_Open"), "win.open-record", record);

  if (cs_record_get_can_make_default (record))
    append_item (state, _("Make De_fault"), "win.make-default", record);
  if (!cs_record_get_enabled (record))
    append_item (state, _("_Enable"), "win.enable", record);
  else if (cs_record_get_can_disable (record))
    append_item (state, _("D_isable"), "win.disable", record);

  if (cs_record_get_public_key (record) != NULL)
    append_item (downloads, _("Download _Public Key"), "win.download-public-key", record);
  if (current >= CS_RECORD_STATE_CSRGEN_DONE)
    append_item (downloads, _("Download _CSR"), "win.download-csr", record);
  if (current >= CS_RECORD_STATE_INTCERT_UPLOAD_DONE)
    append_item (downloads, _("Download Ce_rtificate"), "win.download-certificate", record);
  if (cs_record_get_has_chain (record))
    append_item (downloads, _("Download C_hain"), "win.download-chain", record);

  if (cs_record_get_can_delete (record))
    append_item (danger, _("_Delete…"), "win.delete-record", record);

  append_section (menu, open);
  append_section (menu, state);
  append_section (menu, downloads);
  append_section (menu, danger);

  return G_MENU_MODEL (menu);
}

static guint
find_position (CsRecordList *self,
               CsRecord     *record)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsRecord) item = g_list_model_get_item (model, i);

      if (item == record)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

void
cs_record_list_select (CsRecordList *self,
                       CsRecord     *record)
{
  g_return_if_fail (CS_IS_RECORD_LIST (self));
  g_return_if_fail (CS_IS_RECORD (record));

  gtk_single_selection_set_selected (self->selection, find_position (self, record));
}

CsRecord *
cs_record_list_get_selected (CsRecordList *self)
{
  g_return_val_if_fail (CS_IS_RECORD_LIST (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

/* One menu for every row, built when it opens so that it offers what
 * applies now; @area is where it points, in the list's coordinates. */
static void
popup_context_menu (CsRecordList       *self,
                    CsRecord           *record,
                    const GdkRectangle *area)
{
  g_autoptr(GMenuModel) menu = cs_record_list_create_menu (record);

  gtk_popover_menu_set_menu_model (self->context_menu, menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), area);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
popup_at_widget (CsRecordList *self,
                 CsRecord     *record,
                 GtkWidget    *widget)
{
  graphene_rect_t bounds;
  GdkRectangle rect;

  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (self), &bounds))
    graphene_rect_init (&bounds, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0f, 0, 1, 1);

  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  rect.x = (int) bounds.origin.x;
  rect.y = (int) bounds.origin.y;
  rect.width = (int) bounds.size.width;
  rect.height = (int) bounds.size.height;
  popup_context_menu (self, record, &rect);
}

/* One pair of gestures on the whole list rather than one on each of the
 * thousands of cells GTK builds: the cell is the one under the pointer. */
static void
cell_context_menu (CsRecordList *self,
                   GtkGesture   *gesture,
                   double        x,
                   double        y)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *cell = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  graphene_point_t in_view = GRAPHENE_POINT_INIT ((float) x, (float) y);
  graphene_point_t point;
  GdkRectangle rect = { 0, 0, 1, 1 };
  CsRecord *record;

  while (cell != NULL && cell != view && !CS_IS_RECORD_CELL (cell))
    cell = gtk_widget_get_parent (cell);
  if (cell == NULL || !CS_IS_RECORD_CELL (cell))
    return;
  record = cs_record_cell_get_record (CS_RECORD_CELL (cell));
  if (record == NULL)
    return;

  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  cs_record_list_select (self, record);
  if (gtk_widget_compute_point (view, GTK_WIDGET (self), &in_view, &point))
    {
      rect.x = (int) point.x;
      rect.y = (int) point.y;
    }
  popup_context_menu (self, record, &rect);
}

static void
cell_click_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               CsRecordList    *self)
{
  cell_context_menu (self, GTK_GESTURE (gesture), x, y);
}

static void
cell_long_press_cb (GtkGestureLongPress *gesture,
                    double               x,
                    double               y,
                    CsRecordList        *self)
{
  cell_context_menu (self, GTK_GESTURE (gesture), x, y);
}

/* The first widget at or below @root, depth first, that @match accepts. */
static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *widget,
                                gpointer   data),
             gpointer   data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_shown_actions_button (GtkWidget *widget,
                         gpointer   record)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_object_get_data (G_OBJECT (widget), RECORD_KEY) == record;
}

static gboolean
is_record_cell (GtkWidget *widget,
                gpointer   data)
{
  return CS_IS_RECORD_CELL (widget);
}

gboolean
cs_record_list_popup_menu (CsRecordList *self)
{
  CsRecord *record;
  GtkWidget *button;

  g_return_val_if_fail (CS_IS_RECORD_LIST (self), FALSE);

  record = cs_record_list_get_selected (self);
  if (record == NULL)
    return FALSE;

  /* At the row's own menu button, so that the menu points at the row; at
   * the top when the row is scrolled out of view. */
  button = find_widget (GTK_WIDGET (self->column_view), is_shown_actions_button, record);
  if (button != NULL && gtk_widget_is_visible (button))
    popup_at_widget (self, record, button);
  else
    popup_at_widget (self, record, GTK_WIDGET (self->column_view));

  return TRUE;
}

/* --- Column widths ----------------------------------------------------- */

/* Each column gets a fixed width from the font (see
 * cs_record_cell_get_column_width ()) plus the padding GtkColumnView's
 * cells add around ours, measured on the first cell shown. A width the
 * user chose by dragging a column's edge stays. */
static void update_column_widths (CsRecordList *self);

static gboolean
update_column_widths_cb (gpointer data)
{
  CsRecordList *self = data;

  self->widths_id = 0;
  update_column_widths (self);
  return G_SOURCE_REMOVE;
}

/* The natural width of @column's title (with its sort arrow), which GTK
 * 4.8 gives no access to: the header's children are the visible columns'
 * titles, in the columns' order. */
static int
title_width (CsRecordList        *self,
             GtkColumnViewColumn *column)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  GtkWidget *title = header != NULL ? gtk_widget_get_first_child (header) : NULL;
  int width = 0;

  if (header == NULL || g_strcmp0 (gtk_widget_get_css_name (header), "header") != 0)
    return 0;

  for (guint i = 0; title != NULL && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) item = g_list_model_get_item (columns, i);

      if (!gtk_column_view_column_get_visible (item))
        continue;
      if (item == column)
        {
          gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
          return width;
        }
      title = gtk_widget_get_next_sibling (title);
    }

  return 0;
}

static void
update_column_widths (CsRecordList *self)
{
  if (self->cell_padding < 0)
    return;

  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    {
      int width = MAX (cs_record_cell_get_column_width (GTK_WIDGET (self), i) + self->cell_padding,
                       title_width (self, self->columns[i]));
      int current = gtk_column_view_column_get_fixed_width (self->columns[i]);

      if (current != -1 && current != self->fixed_widths[i])
        continue;
      self->fixed_widths[i] = width;
      if (current != width)
        gtk_column_view_column_set_fixed_width (self->columns[i], width);
    }
}

static void
measure_cell_padding (CsRecordList *self,
                      GtkWidget    *cell)
{
  GtkWidget *parent = gtk_widget_get_parent (cell);
  int outer = 0, inner = 0;

  if (parent == NULL)
    return;
  gtk_widget_measure (parent, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &outer, NULL, NULL);
  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &inner, NULL, NULL);
  self->cell_padding = MAX (outer - inner, 0);
  update_column_widths (self);
}

/* The font or the theme changed: the widths follow. */
static void
cs_record_list_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  CsRecordList *self = CS_RECORD_LIST (widget);
  GtkWidget *cell;

  GTK_WIDGET_CLASS (cs_record_list_parent_class)->css_changed (widget, change);

  self->cell_padding = -1;
  cell = self->column_view != NULL ? find_widget (GTK_WIDGET (self->column_view), is_record_cell, NULL)
                                    : NULL;
  if (cell != NULL)
    measure_cell_padding (self, cell);
}

/* --- Cells ------------------------------------------------------------- */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CsRecordList             *self)
{
  CsRecordColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), COLUMN_KEY));

  gtk_list_item_set_child (item, cs_record_cell_new (column));
}

static void
actions_button_update_label (GtkWidget *button,
                             GParamSpec *pspec,
                             CsRecord  *record)
{
  g_autofree char *label = g_strdup_printf (_("Actions for %s"), cs_record_get_name (record));

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
actions_clicked_cb (GtkButton    *button,
                    CsRecordList *self)
{
  CsRecord *record = g_object_get_data (G_OBJECT (button), RECORD_KEY);

  if (record == NULL)
    return;

  cs_record_list_select (self, record);
  popup_at_widget (self, record, GTK_WIDGET (button));
}

/* A plain button that opens the list's one menu: lighter than a
 * GtkMenuButton in each of the rows GTK keeps alive. */
static void
actions_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CsRecordList             *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("view-more-symbolic");

  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (actions_clicked_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE,
                                  -1);
  /* GTK 4.8 re-runs the tooltip query when the tooltip of a visible widget
   * is set: a synchronous X round trip (where is the pointer?) for each of
   * the rows built. Not yet in a window, the button has nothing to query:
   * its tooltip is set while it is hidden. */
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_tooltip_text (button, _("Actions"));
  gtk_widget_set_visible (button, TRUE);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, button);
}

static void
actions_set_record (GtkWidget *button,
                    CsRecord  *record)
{
  CsRecord *old = g_object_get_data (G_OBJECT (button), RECORD_KEY);

  if (old == record)
    return;
  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, actions_button_update_label, button);
  if (record == NULL)
    {
      g_object_set_data (G_OBJECT (button), RECORD_KEY, NULL);
      return;
    }
  g_object_set_data_full (G_OBJECT (button), RECORD_KEY, g_object_ref (record), g_object_unref);
  actions_button_update_label (button, NULL, record);
  g_signal_connect_object (record, "notify::name", G_CALLBACK (actions_button_update_label),
                           button, G_CONNECT_SWAPPED);
}

/* --- Narrow lists ------------------------------------------------------ */

/* Whether the user wants @column shown (its menu item is checked). */
static gboolean
user_shows (CsRecordList   *self,
            CsRecordColumn  column)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->column_actions),
                                                cs_record_column_get_id (column));
  g_autoptr(GVariant) state = action != NULL ? g_action_get_state (action) : NULL;

  return state == NULL || g_variant_get_boolean (state);
}

/* When the columns the user shows do not fit, the least telling are left
 * out, in this order, until they do, so that the name, the expiration
 * date and the row's menu button stay on screen (a 600 px window). This
 * is not the user's choice: the columns menu and the settings keep it. */
static const CsRecordColumn narrow_order[] = {
  CS_RECORD_COLUMN_REGION,
  CS_RECORD_COLUMN_PROTECTION_TYPE,
  CS_RECORD_COLUMN_START_DATE,
  CS_RECORD_COLUMN_STATUS,
  CS_RECORD_COLUMN_DESCRIPTION,
};

/* The free width goes to the description, or to the name without it. */
static void
update_expand (CsRecordList *self)
{
  GtkColumnViewColumn *description = self->columns[CS_RECORD_COLUMN_DESCRIPTION];

  gtk_column_view_column_set_expand (self->columns[CS_RECORD_COLUMN_NAME],
                                     !gtk_column_view_column_get_visible (description));
}

static guint
narrow_columns_for (CsRecordList *self,
                    int           width)
{
  int needed = MAX (gtk_column_view_column_get_fixed_width (self->actions_column), 0);
  guint hidden = 0;

  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    {
      if (self->fixed_widths[i] < 0)
        return 0;   /* not measured yet */
      if (user_shows (self, i))
        needed += self->fixed_widths[i];
    }

  for (guint i = 0; i < G_N_ELEMENTS (narrow_order) && needed > width; i++)
    {
      CsRecordColumn column = narrow_order[i];

      if (!user_shows (self, column))
        continue;
      hidden |= 1u << column;
      needed -= self->fixed_widths[column];
    }

  return hidden;
}

static gboolean
apply_narrow_columns_cb (gpointer data)
{
  CsRecordList *self = data;

  self->narrow_id = 0;
  self->narrow_hidden = narrow_columns_for (self, gtk_widget_get_width (GTK_WIDGET (self)));
  self->adapting = TRUE;
  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    {
      gboolean visible = user_shows (self, i) && !(self->narrow_hidden & (1u << i));

      if (gtk_column_view_column_get_visible (self->columns[i]) != visible)
        gtk_column_view_column_set_visible (self->columns[i], visible);
    }
  self->adapting = FALSE;
  update_expand (self);
  return G_SOURCE_REMOVE;
}

/* In size_allocate (): columns cannot be shown or hidden while GTK lays
 * the list out, so the change waits for the next main loop iteration. */
static void
check_narrow_columns (CsRecordList *self,
                      int           width)
{
  if (narrow_columns_for (self, width) != self->narrow_hidden && self->narrow_id == 0)
    self->narrow_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_narrow_columns_cb, self, NULL);
}

guint
cs_record_list_get_narrow_columns (CsRecordList *self)
{
  g_return_val_if_fail (CS_IS_RECORD_LIST (self), 0);

  return self->narrow_hidden;
}

/* The view's items are CsRecordSlots (see cs-record-slots.h): a row is
 * kept while the record in it changes, so each cell and each menu button
 * follows its slot. */
static void
set_record (GtkWidget *widget,
            CsRecord  *record)
{
  if (CS_IS_RECORD_CELL (widget))
    cs_record_cell_set_record (CS_RECORD_CELL (widget), record);
  else
    actions_set_record (widget, record);
}

/* What the slot holds now. A slot without a record is on its way out
 * (see cs-record-slots.c): its row takes no room and shows nothing until
 * then. (Not on unbind: GTK also unbinds the cells of a column it hides.) */
static void
show_record (GtkWidget *widget,
             CsRecord  *record)
{
  GtkWidget *cell = gtk_widget_get_parent (widget);
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;

  set_record (widget, record);
  if (row != NULL && g_strcmp0 (gtk_widget_get_css_name (row), "row") == 0 &&
      gtk_widget_get_visible (row) != (record != NULL))
    gtk_widget_set_visible (row, record != NULL);
}

static void
slot_changed_cb (CsRecordSlot *slot,
                 GParamSpec   *pspec,
                 GtkWidget    *widget)
{
  show_record (widget, cs_record_slot_get_record (slot));
}

static void
slot_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CsRecordList             *self)
{
  CsRecordSlot *slot = gtk_list_item_get_item (item);
  GtkWidget *widget = gtk_list_item_get_child (item);

  show_record (widget, cs_record_slot_get_record (slot));
  g_signal_connect_object (slot, "notify::record", G_CALLBACK (slot_changed_cb), widget, 0);
  if (self->cell_padding < 0 && CS_IS_RECORD_CELL (widget))
    measure_cell_padding (self, widget);
}

static void
slot_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CsRecordList             *self)
{
  GtkWidget *widget = gtk_list_item_get_child (item);

  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), slot_changed_cb, widget);
  set_record (widget, NULL);
}

/* --- Columns ----------------------------------------------------------- */

static char *
column_text_cb (CsRecord *record,
                gpointer  column)
{
  return cs_record_column_dup_text (GPOINTER_TO_UINT (column), record);
}

static gint64
column_time_cb (CsRecord *record,
                gpointer  column)
{
  return cs_record_column_get_sort_time (GPOINTER_TO_UINT (column), record);
}

static GtkSorter *
name_sorter_new (void)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (CS_TYPE_RECORD, NULL, "name")));
}

/* Each column sorts by what it shows, then by name, so that equal values
 * keep a stable, readable order. */
static GtkSorter *
column_sorter_new (CsRecordColumn column)
{
  GtkMultiSorter *sorter;
  GtkExpression *expression;

  if (column == CS_RECORD_COLUMN_NAME)
    return name_sorter_new ();

  sorter = gtk_multi_sorter_new ();
  if (column == CS_RECORD_COLUMN_START_DATE || column == CS_RECORD_COLUMN_EXPIRATION_DATE)
    {
      expression = gtk_cclosure_expression_new (G_TYPE_INT64, NULL, 0, NULL,
                                                G_CALLBACK (column_time_cb),
                                                GUINT_TO_POINTER (column), NULL);
      gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_numeric_sorter_new (expression)));
    }
  else
    {
      expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                G_CALLBACK (column_text_cb),
                                                GUINT_TO_POINTER (column), NULL);
      gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_string_sorter_new (expression)));
    }
  gtk_multi_sorter_append (sorter, name_sorter_new ());

  return GTK_SORTER (sorter);
}

static GtkColumnViewColumn *
column_new (CsRecordList   *self,
            CsRecordColumn  column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  g_autoptr(GtkSorter) sorter = column_sorter_new (column);

  g_object_set_data (G_OBJECT (factory), COLUMN_KEY, GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (slot_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (slot_unbind_cb), self);

  view_column = gtk_column_view_column_new (cs_record_column_get_title (column), factory);
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_header_menu (view_column, G_MENU_MODEL (self->columns_menu));
  /* The free width goes to the description, the longest text. */
  gtk_column_view_column_set_expand (view_column, column == CS_RECORD_COLUMN_DESCRIPTION);
  g_object_set_data (G_OBJECT (view_column), COLUMN_KEY, GUINT_TO_POINTER (column));

  return view_column;
}

static GtkColumnViewColumn *
actions_column_new (CsRecordList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (actions_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (slot_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (slot_unbind_cb), self);

  column = gtk_column_view_column_new (NULL, factory);
  gtk_column_view_column_set_fixed_width (column, 48);
  return column;
}

static void
save_column_order (CsRecordList *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GStrvBuilder) order = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (column != self->actions_column)
        g_strv_builder_add (order, cs_record_column_get_id (
          GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (column), COLUMN_KEY))));
    }

  strv = g_strv_builder_end (order);
  /* While GTK moves a column it is briefly absent: save whole orders only. */
  if (g_strv_length (strv) == CS_N_RECORD_COLUMNS)
    g_settings_set_strv (self->settings, "column-order", (const char * const *) strv);
}

static void
columns_changed_cb (CsRecordList *self)
{
  if (!self->restoring)
    save_column_order (self);
}

static void
save_hidden_columns (CsRecordList *self)
{
  g_autoptr(GStrvBuilder) hidden = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    if (!user_shows (self, i))
      g_strv_builder_add (hidden, cs_record_column_get_id (i));

  strv = g_strv_builder_end (hidden);
  g_settings_set_strv (self->settings, "hidden-columns", (const char * const *) strv);
}

static void
column_visible_cb (GtkColumnViewColumn *view_column,
                   GParamSpec          *pspec,
                   CsRecordList        *self)
{
  CsRecordColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (view_column), COLUMN_KEY));
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->column_actions),
                                                cs_record_column_get_id (column));
  gboolean visible = gtk_column_view_column_get_visible (view_column);

  /* Hidden or shown for the list's width: not the user's choice. */
  if (self->adapting)
    return;
  update_expand (self);
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (visible));
  if (!self->restoring)
    save_hidden_columns (self);
  /* Its title is in the header once GTK has handled the change too. */
  if (visible && self->widths_id == 0)
    self->widths_id = g_idle_add (update_column_widths_cb, self);
}

static void
restore_columns (CsRecordList *self)
{
  g_auto(GStrv) order = g_settings_get_strv (self->settings, "column-order");
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-columns");
  gboolean placed[CS_N_RECORD_COLUMNS] = { FALSE, };
  guint position = 0;
  CsRecordColumn column;

  self->restoring = TRUE;
  for (guint i = 0; order[i] != NULL; i++)
    {
      if (!cs_record_column_from_id (order[i], &column) || placed[column])
        continue;
      gtk_column_view_insert_column (self->column_view, position++, self->columns[column]);
      placed[column] = TRUE;
    }
  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    if (!placed[i])
      gtk_column_view_insert_column (self->column_view, position++, self->columns[i]);
  gtk_column_view_insert_column (self->column_view, position, self->actions_column);

  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    gtk_column_view_column_set_visible (self->columns[i],
                                        !cs_record_column_can_hide (i) ||
                                        !g_strv_contains ((const char * const *) hidden,
                                                          cs_record_column_get_id (i)));
  self->restoring = FALSE;
}

static void
column_action_change_state_cb (GSimpleAction *action,
                               GVariant      *state,
                               CsRecordList  *self)
{
  CsRecordColumn column;

  if (!cs_record_column_from_id (g_action_get_name (G_ACTION (action)), &column))
    return;

  /* The column's notify::visible sets the action's state and saves; a
   * column hidden for the width stays hidden, but is the user's to show
   * once there is room. */
  if (self->narrow_hidden & (1u << column))
    {
      g_simple_action_set_state (action, state);
      if (!self->restoring)
        save_hidden_columns (self);
      return;
    }
  gtk_column_view_column_set_visible (self->columns[column], g_variant_get_boolean (state));
}

static void
setup_column_actions (CsRecordList *self)
{
  self->column_actions = g_simple_action_group_new ();
  self->columns_menu = g_menu_new ();

  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    {
      g_autoptr(GSimpleAction) action = NULL;
      g_autofree char *detailed = NULL;

      if (!cs_record_column_can_hide (i))
        continue;

      action = g_simple_action_new_stateful (cs_record_column_get_id (i), NULL,
                                             g_variant_new_boolean (TRUE));
      g_signal_connect (action, "change-state", G_CALLBACK (column_action_change_state_cb), self);
      g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (action));

      detailed = g_strconcat ("columns.", cs_record_column_get_id (i), NULL);
      g_menu_append (self->columns_menu, cs_record_column_get_title (i), detailed);
    }

  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (self->column_actions));
}

static void
setup_columns (CsRecordList *self)
{
  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    {
      self->columns[i] = column_new (self, i);
      gtk_column_view_append_column (self->column_view, self->columns[i]);
      g_signal_connect (self->columns[i], "notify::visible", G_CALLBACK (column_visible_cb), self);
    }
  self->actions_column = actions_column_new (self);
  gtk_column_view_append_column (self->column_view, self->actions_column);

  restore_columns (self);
  self->restoring = TRUE;
  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    column_visible_cb (self->columns[i], NULL, self);
  self->restoring = FALSE;

  g_signal_connect_object (gtk_column_view_get_columns (self->column_view), "items-changed",
                           G_CALLBACK (columns_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkColumnViewColumn *
cs_record_list_get_column (CsRecordList   *self,
                           CsRecordColumn  column)
{
  g_return_val_if_fail (CS_IS_RECORD_LIST (self), NULL);
  g_return_val_if_fail (column < CS_N_RECORD_COLUMNS, NULL);

  return self->columns[column];
}

GActionGroup *
cs_record_list_get_column_actions (CsRecordList *self)
{
  g_return_val_if_fail (CS_IS_RECORD_LIST (self), NULL);

  return G_ACTION_GROUP (self->column_actions);
}

GMenuModel *
cs_record_list_get_columns_menu (CsRecordList *self)
{
  g_return_val_if_fail (CS_IS_RECORD_LIST (self), NULL);

  return G_MENU_MODEL (self->columns_menu);
}

/* --- Model ------------------------------------------------------------- */

GListModel *
cs_record_list_get_model (CsRecordList *self)
{
  g_return_val_if_fail (CS_IS_RECORD_LIST (self), NULL);

  return self->model;
}

void
cs_record_list_set_model (CsRecordList *self,
                          GListModel   *model)
{
  g_autoptr(CsRecordModel) watched = NULL;

  g_return_if_fail (CS_IS_RECORD_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_set_object (&self->model, model);
  self->indexed = 0;
  g_clear_handle_id (&self->index_id, g_source_remove);
  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb), self, 0);
      model_items_changed_cb (model, 0, 0, g_list_model_get_n_items (model), self);
    }

  /* Between the records and the sort: an edited record moves to where it
   * now sorts, and leaves or joins the search's results. */
  if (model != NULL)
    watched = cs_record_model_new (model);
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (watched));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GtkSelectionModel *
cs_record_list_get_visible_model (CsRecordList *self)
{
  g_return_val_if_fail (CS_IS_RECORD_LIST (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

GtkColumnView *
cs_record_list_get_column_view (CsRecordList *self)
{
  g_return_val_if_fail (CS_IS_RECORD_LIST (self), NULL);

  return self->column_view;
}

static void
setup_model (CsRecordList *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);

  /* Sort first, then filter: typing refilters without sorting again. */
  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (sorter));
  self->filter = gtk_custom_filter_new (filter_match_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sort_model)),
                                                  GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->slots = cs_record_slots_new (GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->slots));

  gtk_column_view_sort_by_column (self->column_view, self->columns[CS_RECORD_COLUMN_NAME],
                                  GTK_SORT_ASCENDING);
}

static void
setup_gestures (CsRecordList *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (cell_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (cell_long_press_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (long_press));
}

/* --- Keyboard ---------------------------------------------------------- */

static void
activate_selected (CsRecordList *self,
                   const char   *action)
{
  CsRecord *record = cs_record_list_get_selected (self);

  if (record != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "x", cs_record_get_id (record));
}

static void
column_view_activate_cb (CsRecordList *self,
                         guint         position)
{
  g_autoptr(CsRecord) record = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (record != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "x", cs_record_get_id (record));
}

/* list.delete-selected (Delete): the window's delete, which confirms. */
static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  activate_selected (CS_RECORD_LIST (widget), "win.delete-record");
}

/* list.show-menu (Menu, Shift+F10): the selected row's menu. */
static void
show_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cs_record_list_popup_menu (CS_RECORD_LIST (widget));
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "list.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "list.show-menu", NULL, show_menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "list.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "list.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "list.show-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "list.show-menu", NULL);
}

/* --- GObject ----------------------------------------------------------- */

static void
cs_record_list_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (CS_RECORD_LIST (widget)->scrolled_window, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* The list's own allocation (no layout manager: it would skip this): the
 * scrolled list, the narrow check, and the row menu kept in place. */
static void
cs_record_list_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CsRecordList *self = CS_RECORD_LIST (widget);

  gtk_widget_allocate (self->scrolled_window, width, height, baseline, NULL);
  check_narrow_columns (self, width);
  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
cs_record_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsRecordList *self = CS_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, cs_record_list_get_search_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_record_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CsRecordList *self = CS_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      cs_record_list_set_model (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_TEXT:
      cs_record_list_set_search_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_record_list_dispose (GObject *object)
{
  CsRecordList *self = CS_RECORD_LIST (object);

  /* Tearing the columns down is no change of the user's to save. */
  self->restoring = TRUE;
  if (self->context_menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->context_menu));
      self->context_menu = NULL;
    }
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_RECORD_LIST);

  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    g_clear_object (&self->columns[i]);
  g_clear_object (&self->actions_column);
  g_clear_object (&self->slots);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sort_model);
  g_clear_handle_id (&self->index_id, g_source_remove);
  g_clear_handle_id (&self->widths_id, g_source_remove);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->column_actions);
  g_clear_object (&self->columns_menu);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cs_record_list_parent_class)->dispose (object);
}

static void
cs_record_list_finalize (GObject *object)
{
  CsRecordList *self = CS_RECORD_LIST (object);

  g_free (self->search_text);
  g_free (self->needle);

  G_OBJECT_CLASS (cs_record_list_parent_class)->finalize (object);
}

static void
cs_record_list_class_init (CsRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = cs_record_list_get_property;
  object_class->set_property = cs_record_list_set_property;
  object_class->dispose = cs_record_list_dispose;
  object_class->finalize = cs_record_list_finalize;
  widget_class->measure = cs_record_list_measure;
  widget_class->size_allocate = cs_record_list_size_allocate;
  widget_class->css_changed = cs_record_list_css_changed;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chainsmith/Chainsmith/cs-record-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CsRecordList, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CsRecordList, column_view);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  install_actions (widget_class);
}

static void
cs_record_list_init (CsRecordList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  setup_column_actions (self);
  setup_columns (self);
  self->cell_padding = -1;
  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    self->fixed_widths[i] = -1;
  setup_model (self);
  setup_gestures (self);

  self->context_menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->context_menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self));
}
