/* cs-record-cell.c — one cell of the certificate list
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-record-cell.h"

/* GTK 4.8 keeps some 200 rows of cells alive and builds them again whenever
 * a search changes the rows, so a cell is one widget that lays out and
 * draws its own text, like a GtkInscription: it asks for a width in
 * characters, not the width of its text, which also keeps the columns
 * steady while rows scroll by. Only the rare tag ("Default") and
 * expiration marker are child widgets. */
struct _CsRecordCell
{
  GtkWidget       parent_instance;

  CsRecordColumn  column;
  CsRecord       *record;
  gulong          notify_id;
  CsExpiry        expiry;
  char           *text;        /* as shown, never NULL */
  char           *subtitle;    /* the name's state line, or NULL */
  char           *tooltip;     /* the expiry, or NULL */
  const char     *tag_class;   /* the tag's style class, while it is shown */

  GtkWidget      *tag;         /* made when first needed */
  GtkWidget      *icon;        /* made when first needed */

  /* The font's metrics, asked of Pango once (not on every measure and
   * snapshot: Pango computes them anew each time); 0 until then, and again
   * when the style, a font setting or the scale factor changes. */
  int             font_height;       /* Pango units */
  int             font_char_width;   /* Pango units */
};

G_DEFINE_FINAL_TYPE (CsRecordCell, cs_record_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLUMN,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The text shown where a record has no value yet (a draft has no dates). */
#define CS_NO_VALUE "—"

/* Between the text and the tag or icon, in pixels. */
#define SPACING 6
/* The expiry marker, a symbolic icon. */
#define ICON_SIZE 16
/* The state line under the name, as Adwaita's .caption. */
#define SUBTITLE_SCALE 0.8333
#define SUBTITLE_ALPHA 0.55

GtkWidget *
cs_record_cell_new (CsRecordColumn column)
{
  g_return_val_if_fail (column < CS_N_RECORD_COLUMNS, NULL);

  return g_object_new (CS_TYPE_RECORD_CELL, "column", column, NULL);
}

/* The width a column asks for, in characters. */
/* Columns of fixed values are as wide as their longest translation. */
static int
longest_chars (int         at_least,
               const char *a,
               const char *b)
{
  long longest = MAX (g_utf8_strlen (a, -1), b != NULL ? g_utf8_strlen (b, -1) : 0);

  return MAX (at_least, (int) longest + 1);
}

static int
column_chars (CsRecordColumn column)
{
  switch (column)
    {
    case CS_RECORD_COLUMN_PROTECTION_TYPE:
      return longest_chars (19, _("Software Protection"), NULL);
    case CS_RECORD_COLUMN_REGION:
      return longest_chars (9, _("Global"), NULL);
    case CS_RECORD_COLUMN_STATUS:
      return longest_chars (9, _("Enabled"), _("Disabled"));
    case CS_RECORD_COLUMN_START_DATE:
    case CS_RECORD_COLUMN_EXPIRATION_DATE:
      return 11;
    case CS_RECORD_COLUMN_DESCRIPTION:
      return 28;
    case CS_RECORD_COLUMN_NAME:
    default:
      return 22;
    }
}


/* The narrowest a column gets, in characters: short values whole, long
 * ones enough to tell them apart; below that the list scrolls sideways. */
static int
column_min_chars (CsRecordColumn column)
{
  if (column == CS_RECORD_COLUMN_NAME || column == CS_RECORD_COLUMN_DESCRIPTION)
    return 14;
  return column_chars (column);
}

/* --- Layout and drawing ------------------------------------------------- */

static PangoLayout *
text_layout_new (CsRecordCell *self,
                 const char   *text,
                 gboolean      subtitle,
                 int           width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (subtitle)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (SUBTITLE_SCALE));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (width >= 0)
    pango_layout_set_width (layout, width * PANGO_SCALE);
  return layout;
}

typedef struct
{
  int height;       /* Pango units */
  int char_width;   /* Pango units */
} FontMetrics;

/* The first metrics request on a PangoContext costs some 40 µs (the font
 * set is loaded for it), and each cell has its own context: asked per
 * cell, the metrics were a fifth of the cost of a new row. Cells with the
 * same font map, font, resolution and font options share them. */
static const FontMetrics *
lookup_font_metrics (PangoContext *context)
{
  static GHashTable *cache;   /* GTK's thread only */
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));
  g_autofree char *key = g_strdup_printf ("%p %g %lx %s", (gpointer) pango_context_get_font_map (context),
                                          pango_cairo_context_get_resolution (context),
                                          options != NULL ? cairo_font_options_hash (options) : 0UL,
                                          font);
  FontMetrics *metrics;
  PangoFontMetrics *pango_metrics;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  metrics = g_hash_table_lookup (cache, key);
  if (metrics != NULL)
    return metrics;

  pango_metrics = pango_context_get_metrics (context, NULL, NULL);
  metrics = g_new (FontMetrics, 1);
  metrics->height = MAX (pango_font_metrics_get_height (pango_metrics), 1);
  metrics->char_width = MAX (pango_font_metrics_get_approximate_char_width (pango_metrics),
                             pango_font_metrics_get_approximate_digit_width (pango_metrics));
  pango_font_metrics_unref (pango_metrics);
  g_hash_table_insert (cache, g_steal_pointer (&key), metrics);
  return metrics;
}

static void
ensure_font_metrics (CsRecordCell *self)
{
  const FontMetrics *metrics;

  if (self->font_height > 0)
    return;

  metrics = lookup_font_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  self->font_height = metrics->height;
  self->font_char_width = metrics->char_width;
}

static void
forget_font_metrics (CsRecordCell *self)
{
  self->font_height = 0;
  self->font_char_width = 0;
}

static int
line_height (CsRecordCell *self,
             double        scale)
{
  ensure_font_metrics (self);
  return (int) (PANGO_PIXELS_CEIL (self->font_height) * scale + 0.5);
}

static int
char_width (CsRecordCell *self)
{
  ensure_font_metrics (self);
  return PANGO_PIXELS_CEIL (self->font_char_width);
}

static int
text_height (CsRecordCell *self)
{
  int height = line_height (self, 1.0);

  if (self->subtitle != NULL)
    height += line_height (self, SUBTITLE_SCALE);
  return height;
}

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int            *size)
{
  int natural = 0;

  if (child == NULL || !gtk_widget_get_visible (child))
    return;

  gtk_widget_measure (child, orientation, -1, NULL, &natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *size += natural + SPACING;
  else
    *size = MAX (*size, natural);
}

static void
cs_record_cell_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  CsRecordCell *self = CS_RECORD_CELL (widget);
  int chars = column_chars (self->column);
  int extra = 0;

  measure_child (self->icon, orientation, &extra);
  measure_child (self->tag, orientation, &extra);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = column_min_chars (self->column) * char_width (self) + extra;
      *natural = chars * char_width (self) + extra;
    }
  else
    {
      *minimum = *natural = MAX (text_height (self), extra);
    }
}

/* Where the text starts and how wide it may be. */
static void
text_area (CsRecordCell *self,
           int          *x,
           int          *width)
{
  int total = gtk_widget_get_width (GTK_WIDGET (self));
  int used = 0;

  *x = 0;
  if (self->icon != NULL && gtk_widget_get_visible (self->icon))
    {
      measure_child (self->icon, GTK_ORIENTATION_HORIZONTAL, &used);
      *x = used;
    }
  measure_child (self->tag, GTK_ORIENTATION_HORIZONTAL, &used);
  *width = MAX (total - used, 0);
}

/* Centres @child on the line that runs from @top, @line pixels high. */
static void
allocate_child (GtkWidget *child,
                int        x,
                int        top,
                int        line)
{
  GtkRequisition size;
  GtkAllocation allocation;

  gtk_widget_get_preferred_size (child, NULL, &size);
  allocation.x = x;
  allocation.y = top + (line - size.height) / 2;
  allocation.width = size.width;
  allocation.height = size.height;
  gtk_widget_size_allocate (child, &allocation, -1);
}

/* The icon before the text; the tag right after the text, however long the
 * column is. */
static void
cs_record_cell_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CsRecordCell *self = CS_RECORD_CELL (widget);
  g_autoptr(PangoLayout) layout = NULL;
  int x, text_width, used;

  if (self->icon != NULL && gtk_widget_get_visible (self->icon))
    allocate_child (self->icon, 0, 0, height);

  /* The tag belongs to the name, on its line, right after the text. */
  if (self->tag == NULL || !gtk_widget_get_visible (self->tag))
    return;

  text_area (self, &x, &text_width);
  layout = text_layout_new (self, self->text, FALSE, -1);
  pango_layout_get_pixel_size (layout, &used, NULL);
  allocate_child (self->tag, x + MIN (used, text_width) + SPACING,
                  (height - text_height (self)) / 2, line_height (self, 1.0));
}

/* Whether the text is ellipsized at the cell's present width: asked when
 * a tooltip is wanted, not on every allocation of the hundreds of cells a
 * list keeps. Only names and descriptions are long enough to be cut. */
static gboolean
is_cut (CsRecordCell *self)
{
  g_autoptr(PangoLayout) layout = NULL;
  int x, text_width, used;

  if (self->column != CS_RECORD_COLUMN_NAME && self->column != CS_RECORD_COLUMN_DESCRIPTION)
    return FALSE;
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return FALSE;

  text_area (self, &x, &text_width);
  layout = text_layout_new (self, self->text, FALSE, -1);
  pango_layout_get_pixel_size (layout, &used, NULL);
  return used > text_width;
}

static void
cs_record_cell_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CsRecordCell *self = CS_RECORD_CELL (widget);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) sub_layout = NULL;
  int x, width, y;
  GdkRGBA color;

  text_area (self, &x, &width);
  y = (gtk_widget_get_height (widget) - text_height (self)) / 2;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  layout = text_layout_new (self, self->text, FALSE, width);
  gtk_snapshot_append_layout (snapshot, layout, &color);
  if (self->subtitle != NULL)
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, line_height (self, 1.0)));
      sub_layout = text_layout_new (self, self->subtitle, TRUE, width);
      color.alpha *= SUBTITLE_ALPHA;
      gtk_snapshot_append_layout (snapshot, sub_layout, &color);
    }
  gtk_snapshot_restore (snapshot);

  if (self->icon != NULL)
    gtk_widget_snapshot_child (widget, self->icon, snapshot);
  if (self->tag != NULL)
    gtk_widget_snapshot_child (widget, self->tag, snapshot);
}

/* The width a list gives @column's cells, in pixels, without the cells'
 * own padding: the measure of the column's text in @widget's font, with
 * room for the expiry marker, and for the name's tag. The description
 * gets its narrowest and the list's free width on top. GtkColumnView
 * measures every cell of a column whenever one is added; with this width
 * set as the column's fixed width it does not measure any. */
int
cs_record_cell_get_column_width (GtkWidget      *widget,
                                 CsRecordColumn  column)
{
  const FontMetrics *metrics;
  int char_px;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);

  metrics = lookup_font_metrics (gtk_widget_get_pango_context (widget));
  char_px = PANGO_PIXELS_CEIL (metrics->char_width);
  switch (column)
    {
    case CS_RECORD_COLUMN_NAME:
      return (column_chars (column) + longest_chars (0, _("Default"), _("Active")) + 2) * char_px +
             SPACING;
    case CS_RECORD_COLUMN_EXPIRATION_DATE:
      return column_chars (column) * char_px + ICON_SIZE + SPACING;
    case CS_RECORD_COLUMN_DESCRIPTION:
      return column_min_chars (column) * char_px;
    case CS_RECORD_COLUMN_PROTECTION_TYPE:
    case CS_RECORD_COLUMN_REGION:
    case CS_RECORD_COLUMN_STATUS:
    case CS_RECORD_COLUMN_START_DATE:
    default:
      return column_chars (column) * char_px;
    }
}

/* --- What the cell shows ------------------------------------------------ */

static void
update_accessible (CsRecordCell *self)
{
  g_autofree char *label = NULL;

  if (self->subtitle != NULL)
    label = g_strdup_printf ("%s, %s", self->text, self->subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label != NULL ? label : self->text,
                                  -1);
}

/* A list keeps some 200 rows and gives them other records as the filter
 * or the sort changes: what did not change is not touched, and a new text
 * costs a redraw, not a new size, unless the number of lines changed. */
static void
set_text (CsRecordCell *self,
          const char   *text,
          const char   *subtitle)
{
  gboolean empty = text == NULL || *text == '\0';
  const char *shown = empty ? CS_NO_VALUE : text;
  gboolean lines_changed = (self->subtitle == NULL) != (subtitle == NULL);

  if (g_strcmp0 (self->text, shown) == 0 && g_strcmp0 (self->subtitle, subtitle) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (shown);
  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);

  if (empty != gtk_widget_has_css_class (GTK_WIDGET (self), "dim-label"))
    {
      if (empty)
        gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
    }

  update_accessible (self);
  if (lines_changed)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else if (self->tag != NULL && gtk_widget_get_visible (self->tag))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Tooltips are asked for when shown (gtk_widget_set_tooltip_text() asks the
 * X server where the pointer is, too slow for hundreds of cells at once),
 * and offered only where they add something: the expiry, or a text that is
 * cut short. */
static void
update_has_tooltip (CsRecordCell *self)
{
  gboolean has_tooltip = self->tooltip != NULL ||
                         self->column == CS_RECORD_COLUMN_NAME ||
                         self->column == CS_RECORD_COLUMN_DESCRIPTION;

  if (gtk_widget_get_has_tooltip (GTK_WIDGET (self)) != has_tooltip)
    gtk_widget_set_has_tooltip (GTK_WIDGET (self), has_tooltip);
}

static void
set_tooltip (CsRecordCell *self,
             const char   *text)
{
  if (g_strcmp0 (self->tooltip, text) == 0)
    return;
  g_free (self->tooltip);
  self->tooltip = g_strdup (text);
  update_has_tooltip (self);
}

static gboolean
cs_record_cell_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  CsRecordCell *self = CS_RECORD_CELL (widget);
  const char *text = cs_record_cell_get_tooltip (self);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_tag (CsRecordCell *self,
         const char   *text,
         const char   *css_class,
         const char   *description)
{
  if (text == NULL)
    {
      if (self->tag != NULL)
        gtk_widget_set_visible (self->tag, FALSE);
      self->tag_class = NULL;
      return;
    }

  if (self->tag == NULL)
    {
      self->tag = gtk_label_new (NULL);
      gtk_widget_set_parent (self->tag, GTK_WIDGET (self));
    }

  gtk_widget_set_visible (self->tag, TRUE);
  gtk_label_set_text (GTK_LABEL (self->tag), text);
  if (g_strcmp0 (self->tag_class, css_class) != 0)
    gtk_widget_set_css_classes (self->tag, (const char *[]) { css_class, NULL });
  self->tag_class = css_class;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tag),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
refresh_name (CsRecordCell *self)
{
  CsRecord *record = self->record;

  set_text (self, cs_record_get_name (record), cs_record_get_state_label (record));

  if (cs_record_get_default_certificate (record))
    set_tag (self, _("Default"), "default-tag",
             cs_record_get_active_default (record)
               ? _("The default certificate, used by the inspection proxy")
               : _("The default certificate once the pending changes are activated"));
  else if (cs_record_get_active_default (record))
    set_tag (self, _("Active"), "active-tag",
             _("Still the inspection proxy’s certificate until the pending changes are activated"));
  else
    set_tag (self, NULL, NULL, NULL);
}

static void
set_expiry (CsRecordCell *self,
            CsExpiry      expiry,
            int           days_left)
{
  g_autofree char *text = cs_record_dup_expiry_text (expiry, days_left);
  const char *style = expiry == CS_EXPIRY_EXPIRED ? "error" : "warning";

  if (expiry == self->expiry && g_strcmp0 (text, self->tooltip) == 0)
    return;
  self->expiry = expiry;
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
  set_tooltip (self, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "",
                                  -1);
  if (text == NULL)
    {
      if (self->icon != NULL)
        gtk_widget_set_visible (self->icon, FALSE);
      return;
    }

  if (self->icon == NULL)
    {
      /* The description says it; the icon is decoration. */
      self->icon = g_object_new (GTK_TYPE_IMAGE,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                 NULL);
      gtk_widget_set_parent (self->icon, GTK_WIDGET (self));
    }
  gtk_widget_set_visible (self->icon, TRUE);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), expiry == CS_EXPIRY_EXPIRED
                                                          ? "dialog-error-symbolic"
                                                          : "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self), style);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
refresh_expiration (CsRecordCell *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = cs_record_column_dup_text (self->column, self->record);
  CsExpiry expiry;
  int days_left;

  set_text (self, text, NULL);
  expiry = cs_record_get_expiry (self->record, now, &days_left);
  set_expiry (self, expiry, days_left);
}

static void
refresh (CsRecordCell *self)
{
  g_autofree char *text = NULL;

  if (self->record == NULL)
    return;

  switch (self->column)
    {
    case CS_RECORD_COLUMN_NAME:
      refresh_name (self);
      break;
    case CS_RECORD_COLUMN_EXPIRATION_DATE:
      refresh_expiration (self);
      break;
    case CS_RECORD_COLUMN_DESCRIPTION:
    case CS_RECORD_COLUMN_PROTECTION_TYPE:
    case CS_RECORD_COLUMN_REGION:
    case CS_RECORD_COLUMN_STATUS:
    case CS_RECORD_COLUMN_START_DATE:
    default:
      text = cs_record_column_dup_text (self->column, self->record);
      set_text (self, text, NULL);
      break;
    }
}

static void
record_notify_cb (CsRecordCell *self)
{
  refresh (self);
}

/* --- API ---------------------------------------------------------------- */

CsRecordColumn
cs_record_cell_get_column (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), 0);

  return self->column;
}

CsRecord *
cs_record_cell_get_record (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), NULL);

  return self->record;
}

void
cs_record_cell_set_record (CsRecordCell *self,
                           CsRecord     *record)
{
  g_return_if_fail (CS_IS_RECORD_CELL (self));
  g_return_if_fail (record == NULL || CS_IS_RECORD (record));

  if (self->record == record)
    return;

  /* By its id: a record has a handler for each cell that shows it, and
   * finding one by function walks them all. The cell holds the record,
   * and lets go of it only here, so a plain connection is safe. */
  if (self->record != NULL)
    g_clear_signal_handler (&self->notify_id, self->record);
  g_set_object (&self->record, record);
  if (record != NULL)
    self->notify_id = g_signal_connect_swapped (record, "notify", G_CALLBACK (record_notify_cb), self);

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

const char *
cs_record_cell_get_text (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), NULL);

  return self->text;
}

const char *
cs_record_cell_get_tag (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), NULL);

  if (self->tag == NULL || !gtk_widget_get_visible (self->tag))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->tag));
}

const char *
cs_record_cell_get_subtitle (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), NULL);

  return self->subtitle;
}

const char *
cs_record_cell_get_tooltip (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), NULL);

  if (self->tooltip != NULL)
    return self->tooltip;
  return is_cut (self) ? self->text : NULL;
}

CsExpiry
cs_record_cell_get_expiry (CsRecordCell *self)
{
  g_return_val_if_fail (CS_IS_RECORD_CELL (self), CS_EXPIRY_NONE);

  return self->expiry;
}

/* --- GObject ------------------------------------------------------------ */

static void
cs_record_cell_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsRecordCell *self = CS_RECORD_CELL (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      g_value_set_uint (value, self->column);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_record_cell_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CsRecordCell *self = CS_RECORD_CELL (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      self->column = g_value_get_uint (value);
      update_has_tooltip (self);
      break;
    case PROP_RECORD:
      cs_record_cell_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_record_cell_dispose (GObject *object)
{
  CsRecordCell *self = CS_RECORD_CELL (object);

  cs_record_cell_set_record (self, NULL);
  g_clear_pointer (&self->tag, gtk_widget_unparent);
  g_clear_pointer (&self->icon, gtk_widget_unparent);

  G_OBJECT_CLASS (cs_record_cell_parent_class)->dispose (object);
}

static void
cs_record_cell_finalize (GObject *object)
{
  CsRecordCell *self = CS_RECORD_CELL (object);

  g_free (self->text);
  g_free (self->subtitle);
  g_free (self->tooltip);

  G_OBJECT_CLASS (cs_record_cell_parent_class)->finalize (object);
}

/* GTK updates the widget's Pango context on these (the font of the style,
 * the font and resolution settings); the metrics follow. */
static void
cs_record_cell_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cs_record_cell_parent_class)->css_changed (widget, change);
  forget_font_metrics (CS_RECORD_CELL (widget));
}

static void
cs_record_cell_system_setting_changed (GtkWidget        *widget,
                                       GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (cs_record_cell_parent_class)->system_setting_changed (widget, setting);
  forget_font_metrics (CS_RECORD_CELL (widget));
  gtk_widget_queue_resize (widget);
}

static void
scale_factor_changed_cb (CsRecordCell *self)
{
  forget_font_metrics (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
cs_record_cell_class_init (CsRecordCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = cs_record_cell_get_property;
  object_class->set_property = cs_record_cell_set_property;
  object_class->dispose = cs_record_cell_dispose;
  object_class->finalize = cs_record_cell_finalize;
  widget_class->measure = cs_record_cell_measure;
  widget_class->size_allocate = cs_record_cell_size_allocate;
  widget_class->snapshot = cs_record_cell_snapshot;
  widget_class->query_tooltip = cs_record_cell_query_tooltip;
  widget_class->css_changed = cs_record_cell_css_changed;
  widget_class->system_setting_changed = cs_record_cell_system_setting_changed;

  properties[PROP_COLUMN] =
    g_param_spec_uint ("column", NULL, NULL, 0, CS_N_RECORD_COLUMNS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CS_TYPE_RECORD, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "recordcell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
cs_record_cell_init (CsRecordCell *self)
{
  self->text = g_strdup ("");
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);
}
