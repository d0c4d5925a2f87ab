/* bench-gui.c — startup, responsiveness, filtering and memory of the GUI
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-gui FIXTURE_DIR       (under a display: build-aux/dev bench
 *                                     runs it under Xvfb)
 *
 * The parent starts this same program again for each measurement, as a
 * child, with the monotonic time of the spawn in CS_BENCH_T0 and an
 * $XDG_DATA_HOME that holds a fixture store (bench-fixture), and gathers
 * what the child prints (key=value lines) into BENCH lines.
 *
 * A child is either
 *   --child floor  a minimal AdwApplicationWindow (a header bar, the app's
 *                  default size) in an AdwApplication: the toolkit's floor;
 *   --child app    Chainsmith itself, started as src/main.c starts it
 *                  (CsApplication, whose activate opens the CsWindow on the
 *                  default store), with hooks on the window's frame clock.
 * Both report the first frame (the first "after-paint" of the window's
 * frame clock) since the spawn. The app also reports the content frame:
 * the first frame painted once the store is open and the list model holds
 * every record; the longest main-loop gap between the two (a 1 ms timeout
 * records its own lateness); and the peak RSS at that point. Then, on
 * request, it types into the list's filter (--filter) or generates key
 * pairs (--keygen; CS_BENCH_RUNS × 3 / 10 rounds) and reports the same way.
 *
 * With CS_BENCH_TRACE set, a child prints a timeline on standard error: the
 * first frame, each batch of records the store adds to the model, and each
 * time the main loop was blocked for more than 20 ms. To look at one case:
 *
 *   XDG_DATA_HOME=FIXTURE_DIR/r10000 CS_BENCH_TRACE=1 \
 *     bench-gui --child app --records 10000
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cs-application.h"
#include "cs-bench.h"
#include "cs-window.h"

/* ------------------------------------------------------------------ */
/* The child                                                          */
/* ------------------------------------------------------------------ */

typedef struct
{
  GApplication *app;
  GtkWidget    *window;
  CsStore      *store;
  guint         expected_records;
  gboolean      filter;
  guint         keygen_rounds;

  double        t0;                /* the spawn, from CS_BENCH_T0 */
  double        first_frame;       /* ms since t0; 0 until painted */
  double        content_frame;
  gboolean      content_laid_out;  /* the frame being painted shows it */
  guint         frames;

  guint         gap_source;
  double        last_tick;
  double        max_gap;

  gboolean      trace;             /* CS_BENCH_TRACE: a timeline on stderr */
} Child;

static double
since_spawn (Child *child)
{
  return cs_bench_now_ms () - child->t0;
}

static void
gap_start (Child *child)
{
  child->last_tick = cs_bench_now_ms ();
  child->max_gap = 0;
}

/* Every millisecond: how late is it? */
static gboolean
gap_tick_cb (gpointer data)
{
  Child *child = data;
  double now = cs_bench_now_ms ();

  child->max_gap = MAX (child->max_gap, now - child->last_tick);
  if (child->trace && now - child->last_tick > 20)
    g_printerr ("trace: %.0f ms: main loop blocked for %.0f ms\n", since_spawn (child),
                now - child->last_tick);
  child->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static double
gap_stop (Child *child)
{
  gap_tick_cb (child);
  return child->max_gap;
}

static void
wait_until (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits for the next painted frame; FALSE if none came within a second
 * (nothing to redraw). */
static gboolean
wait_for_frame (Child *child)
{
  guint frames = child->frames;
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (1000, flag_cb, &timed_out);

  while (child->frames == frames && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  return !timed_out;
}


/* The CPU time of the calling thread so far, in ms: on a shared machine,
 * the part of a wall time that is this thread's own work. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

/* --- Filtering ----------------------------------------------------- */

/* Typing "lisbon" (one office in eight), erasing it, then "0042" (eleven
 * records) and erasing that: stricter and less strict changes both. */
static const char * const keystrokes[] = {
  "l", "li", "lis", "lisb", "lisbo", "lisbon", "lisbo", "lisb", "lis", "li", "l", "",
  "0", "00", "004", "0042", "004", "00", "0", "",
};

static void
type_into_filter (Child *child)
{
  CsRecordList *list = cs_window_get_record_list (CS_WINDOW (child->window));
  double worst = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      double start = cs_bench_now_ms ();
      double filtered, painted;

      cs_record_list_set_search_text (list, keystrokes[i]);
      filtered = cs_bench_now_ms ();
      /* Typing redraws the entry at least; make sure a frame comes (the
       * list is not shown when nothing matches). */
      gtk_widget_queue_draw (gtk_widget_get_mapped (GTK_WIDGET (list)) ? GTK_WIDGET (list)
                                                                         : child->window);
      if (!wait_for_frame (child))
        g_printerr ("bench-gui: no frame after typing “%s”\n", keystrokes[i]);
      painted = cs_bench_now_ms ();
      printf ("%s=%.3f\nfilter_frame_ms=%.3f\n", i == 0 ? "filter_cold_ms" : "filter_ms",
              filtered - start, painted - start);
      if (i > 0)
        worst = MAX (worst, filtered - start);
    }
  printf ("filter_worst_ms=%.3f\n", worst);
}

/* --- Key generation ------------------------------------------------ */

static void
keygen_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  cs_store_generate_key_pair_finish (CS_STORE (object), result, &error);
  g_assert_no_error (error);
  if (g_getenv ("CS_BENCH_TRACE") != NULL)
    g_printerr ("trace: a key pair is stored\n");
  *done = TRUE;
}

/* An RSA 4096 and an RSA 2048 key pair at once, through the store's
 * operation, as the editor starts it; the window stays on screen. */
static void
generate_keys (Child *child,
               guint  round)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name_a = g_strdup_printf ("Keygen %u RSA 4096", round);
  g_autofree char *name_b = g_strdup_printf ("Keygen %u RSA 2048", round);
  g_autoptr(CsRecord) a = NULL;
  g_autoptr(CsRecord) b = NULL;
  gboolean done_a = FALSE, done_b = FALSE;
  double start;

  a = cs_store_create_record_sync (child->store, name_a, "", TRUE, NULL, &error);
  g_assert_no_error (error);
  b = cs_store_create_record_sync (child->store, name_b, "", TRUE, NULL, &error);
  g_assert_no_error (error);
  wait_for_frame (child);    /* the two new rows are shown */

  gap_start (child);
  child->gap_source = g_timeout_add_full (G_PRIORITY_DEFAULT, 1, gap_tick_cb, child, NULL);
  start = cs_bench_now_ms ();
  if (child->trace)
    g_printerr ("trace: %.0f ms: key generation starts\n", since_spawn (child));
  cs_store_generate_key_pair_async (child->store, a, CS_KEY_TYPE_RSA_4096, FALSE, NULL,
                                    keygen_done_cb, &done_a);
  cs_store_generate_key_pair_async (child->store, b, CS_KEY_TYPE_RSA_2048, FALSE, NULL,
                                    keygen_done_cb, &done_b);
  wait_until (&done_a);
  wait_until (&done_b);
  printf ("keygen_gap_ms=%.3f\nkeygen_ms=%.3f\n", gap_stop (child), cs_bench_now_ms () - start);
  g_clear_handle_id (&child->gap_source, g_source_remove);
}

/* --- The measurements, once the content is shown -------------------- */

static gboolean
after_content_cb (gpointer data)
{
  Child *child = data;

  if (child->filter)
    type_into_filter (child);
  for (guint i = 0; i < child->keygen_rounds; i++)
    generate_keys (child, i);
  fflush (stdout);
  g_application_quit (child->app);
  return G_SOURCE_REMOVE;
}

static gboolean
content_ready (Child *child)
{
  CsRecordList *list;
  GListModel *visible;
  GListModel *rows;

  if (child->store == NULL || !cs_store_get_is_open (child->store))
    return FALSE;
  list = cs_window_get_record_list (CS_WINDOW (child->window));
  visible = G_LIST_MODEL (cs_record_list_get_visible_model (list));
  /* The view's own model: its rows are added a few at a time. */
  rows = G_LIST_MODEL (gtk_column_view_get_model (cs_record_list_get_column_view (list)));
  return g_list_model_get_n_items (visible) == child->expected_records &&
         g_list_model_get_n_items (rows) == child->expected_records;
}

/* The layout phase of a frame: what it paints is what is true now. */
static void
layout_cb (GdkFrameClock *clock,
           Child         *child)
{
  if (child->content_frame == 0 && !child->content_laid_out)
    child->content_laid_out = content_ready (child);
}

static void
report_content (Child *child)
{
  printf ("content_frame_ms=%.3f\nload_gap_ms=%.3f\nrss_kib=%" G_GUINT64_FORMAT "\n",
          child->content_frame, gap_stop (child), cs_bench_peak_rss_kib ());
  g_clear_handle_id (&child->gap_source, g_source_remove);
  g_idle_add (after_content_cb, child);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Child         *child)
{
  child->frames++;
  if (child->first_frame == 0)
    {
      child->first_frame = since_spawn (child);
      printf ("first_frame_ms=%.3f\nfirst_frame_cpu_ms=%.3f\n", child->first_frame,
              thread_cpu_ms ());
      if (child->trace)
        g_printerr ("trace: %.0f ms: first frame\n", child->first_frame);
      if (child->store == NULL)
        {
          /* The floor: nothing more to wait for. */
          printf ("rss_kib=%" G_GUINT64_FORMAT "\n", cs_bench_peak_rss_kib ());
          fflush (stdout);
          g_application_quit (child->app);
          return;
        }
      /* From here on the person sees the window: it must stay fluid. */
      gap_start (child);
      /* Under callgrind every iteration is late, and this always-ready
       * source would starve the idle batches: CS_BENCH_NO_GAP_PROBE. */
      if (g_getenv ("CS_BENCH_NO_GAP_PROBE") == NULL)
        child->gap_source = g_timeout_add_full (G_PRIORITY_DEFAULT, 1, gap_tick_cb, child, NULL);
    }
  if (child->content_frame == 0 && child->content_laid_out)
    {
      child->content_frame = since_spawn (child);
      report_content (child);
    }
}

static void
realize_cb (GtkWidget *window,
            Child     *child)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), child);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), child);
}

/* After the window's own handlers of the change have run. */
static void
items_changed_after_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        Child      *child)
{
  g_printerr ("trace: %.0f ms: records model +%u −%u at %u, handled\n",
              since_spawn (child), added, removed, position);
}

static void
hook_window (Child     *child,
             GtkWidget *window)
{
  GListModel *records;

  if (child->window != NULL)
    return;
  child->window = window;
  if (CS_IS_WINDOW (window))
    child->store = cs_window_get_store (CS_WINDOW (window));
  g_signal_connect_after (window, "realize", G_CALLBACK (realize_cb), child);
  if (child->trace && child->store != NULL)
    {
      records = cs_store_get_records (child->store);
      g_signal_connect_after (records, "items-changed", G_CALLBACK (items_changed_after_cb), child);
    }
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Child          *child)
{
  hook_window (child, GTK_WIDGET (window));
}

/* The floor: what any libadwaita application pays for a first frame. */
static void
floor_activate_cb (GApplication *app,
                   Child        *child)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  hook_window (child, window);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_child (const char *kind,
           guint       records,
           gboolean    filter,
           guint       keygen_rounds,
           char       *argv0)
{
  Child child = { 0, };
  char *app_argv[] = { argv0, NULL };
  g_autoptr(GApplication) app = NULL;
  const char *t0 = g_getenv ("CS_BENCH_T0");

  /* A child that hangs is killed, and reported by the parent, rather
   * than stalling the whole run. */
  alarm (300);
  child.t0 = t0 != NULL ? g_ascii_strtod (t0, NULL) / 1000.0 : cs_bench_now_ms ();
  child.expected_records = records;
  child.filter = filter;
  child.keygen_rounds = keygen_rounds;
  child.trace = g_getenv ("CS_BENCH_TRACE") != NULL;

  /* As src/main.c does. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (g_str_equal (kind, "floor"))
    {
      app = G_APPLICATION (adw_application_new (APP_ID ".BenchFloor", G_APPLICATION_DEFAULT_FLAGS));
      g_signal_connect (app, "activate", G_CALLBACK (floor_activate_cb), &child);
    }
  else
    {
      app = G_APPLICATION (cs_application_new ());
      g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &child);
    }
  child.app = app;
  return g_application_run (app, 1, app_argv);
}

/* ------------------------------------------------------------------ */
/* The parent                                                         */
/* ------------------------------------------------------------------ */

typedef struct
{
  char       *self;          /* this program */
  char       *fixtures;
  GHashTable *samples;       /* "kind/records/key" → CsBenchSamples */
} Parent;

static CsBenchSamples *
samples_for (Parent     *parent,
             const char *series,
             const char *key)
{
  g_autofree char *name = g_strdup_printf ("%s/%s", series, key);
  CsBenchSamples *samples = g_hash_table_lookup (parent->samples, name);

  if (samples == NULL)
    {
      samples = cs_bench_samples_new ();
      g_hash_table_insert (parent->samples, g_steal_pointer (&name), samples);
    }
  return samples;
}

/* Runs one child with $XDG_DATA_HOME at @home (a folder of the fixtures);
 * adds what it printed to the samples of @series (unless @keep is FALSE: a
 * warm-up run). Returns the first frame time, or 0. */
static double
spawn_child (Parent     *parent,
             const char *series,
             const char *home,
             const char *kind,
             guint       records,
             const char *extra,
             gboolean    keep)
{
  g_autofree char *records_text = g_strdup_printf ("%u", records);
  g_autofree char *store_dir = g_build_filename (parent->fixtures, home, NULL);
  g_autofree char *out = NULL;
  g_autofree char *t0 = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { parent->self, "--child", kind, "--records", records_text, extra, NULL };
  double first_frame = 0;
  int status = 0;

  /* Each child starts from the fixture as it was made. */
  env = g_environ_setenv (env, "XDG_DATA_HOME", store_dir, TRUE);
  t0 = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
  env = g_environ_setenv (env, "CS_BENCH_T0", t0, TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, &out,
                     NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      cs_bench_note ("%s child (%u records) failed: %s", kind, records, error->message);
      return 0;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (lines[i], "=", 2);

      if (g_strv_length (pair) != 2)
        continue;
      if (g_str_equal (pair[0], "first_frame_ms"))
        first_frame = g_ascii_strtod (pair[1], NULL);
      if (keep)
        cs_bench_samples_add (samples_for (parent, series, pair[0]),
                              g_ascii_strtod (pair[1], NULL));
    }
  return first_frame;
}

static CsBenchSamples *
lookup (Parent     *parent,
        const char *series,
        const char *key)
{
  return samples_for (parent, series, key);
}

static double
last_sample (Parent     *parent,
             const char *series,
             const char *key)
{
  CsBenchSamples *samples = samples_for (parent, series, key);
  guint n = cs_bench_samples_get_n (samples);

  return n > 0 ? g_array_index (samples->values, double, n - 1) : 0;
}

/* The main thread's CPU time to the first frame, over the floor's of the
 * same round. */
static void
add_cpu_ratio (Parent     *parent,
               const char *series)
{
  double floor = last_sample (parent, "floor", "first_frame_cpu_ms");
  double ours = last_sample (parent, series, "first_frame_cpu_ms");
  g_autofree char *key = g_strconcat (series, "-cpu", NULL);

  if (floor > 0 && ours > 0)
    cs_bench_samples_add (samples_for (parent, "ratio", key), ours / floor);
}

/* Startup: the floor, the empty store and 1,000 records in turn, so that
 * drift on a shared machine hits all three alike; each app's first frame
 * is also divided by the floor of its own round. */
static void
measure_startup (Parent *parent,
                 guint   rounds)
{
  for (guint i = 0; i <= rounds; i++)
    {
      gboolean keep = i > 0;    /* round 0 warms the caches */
      double floor = spawn_child (parent, "floor", "r0", "floor", 0, NULL, keep);
      double empty = spawn_child (parent, "r0", "r0", "app", 0, NULL, keep);
      double full = spawn_child (parent, "r1000", "r1000", "app", 1000, NULL, keep);

      if (keep && floor > 0 && empty > 0 && full > 0)
        {
          cs_bench_samples_add (samples_for (parent, "ratio", "r0"), empty / floor);
          cs_bench_samples_add (samples_for (parent, "ratio", "r1000"), full / floor);
          add_cpu_ratio (parent, "r0");
          add_cpu_ratio (parent, "r1000");
        }
    }
}

static void
report_startup (Parent *parent)
{
  cs_bench_report ("startup: floor (minimal AdwApplicationWindow), first frame",
                   lookup (parent, "floor", "first_frame_ms"), "ms", CS_BENCH_INFO, 0);
  cs_bench_report ("startup: empty store, first frame",
                   lookup (parent, "r0", "first_frame_ms"), "ms", CS_BENCH_INFO, 0);
  cs_bench_report ("startup: empty store, first frame / floor",
                   lookup (parent, "ratio", "r0"), "×", CS_BENCH_AT_MOST, 1.15);
  cs_bench_report ("  (the same, main-thread CPU time / floor's)",
                   lookup (parent, "ratio", "r0-cpu"), "×", CS_BENCH_INFO, 0);
  cs_bench_report ("startup: empty store, empty page shown",
                   lookup (parent, "r0", "content_frame_ms"), "ms", CS_BENCH_INFO, 0);
  cs_bench_report ("startup: 1,000 records, first frame",
                   lookup (parent, "r1000", "first_frame_ms"), "ms", CS_BENCH_INFO, 0);
  cs_bench_report ("startup: 1,000 records, first frame / floor",
                   lookup (parent, "ratio", "r1000"), "×", CS_BENCH_AT_MOST, 1.15);
  cs_bench_report ("  (the same, main-thread CPU time / floor's)",
                   lookup (parent, "ratio", "r1000-cpu"), "×", CS_BENCH_INFO, 0);
  cs_bench_report ("startup: 1,000 records, list shown",
                   lookup (parent, "r1000", "content_frame_ms"), "ms", CS_BENCH_INFO, 0);
}

static void
report_large (Parent *parent)
{
  CsBenchSamples *first = lookup (parent, "r10000", "first_frame_ms");
  CsBenchSamples *content = lookup (parent, "r10000", "content_frame_ms");
  g_autoptr(CsBenchSamples) shown = cs_bench_samples_new ();

  /* From the first frame (the loading page) to the list of 10,000. */
  for (guint i = 0; i < MIN (cs_bench_samples_get_n (first), cs_bench_samples_get_n (content)); i++)
    cs_bench_samples_add (shown, g_array_index (content->values, double, i) -
                                 g_array_index (first->values, double, i));

  cs_bench_report ("responsiveness: longest main-loop gap while 10,000 records load",
                   lookup (parent, "r10000", "load_gap_ms"), "ms", CS_BENCH_AT_MOST, 20);
  cs_bench_report ("responsiveness: longest gap while RSA 4096 + RSA 2048 generate",
                   lookup (parent, "keygen", "keygen_gap_ms"), "ms", CS_BENCH_AT_MOST, 20);
  cs_bench_report ("  (RSA 4096 + RSA 2048 key generation, wall time)",
                   lookup (parent, "keygen", "keygen_ms"), "ms", CS_BENCH_INFO, 0);
  cs_bench_report ("store: 10,000 records, first frame to list shown (GUI)",
                   shown, "ms", CS_BENCH_INFO, 0);
  cs_bench_report ("store: filter 10,000 records, first keystroke (builds the index)",
                   lookup (parent, "r10000", "filter_cold_ms"), "ms", CS_BENCH_AT_MOST, 16);
  cs_bench_report ("store: filter 10,000 records, slowest keystroke of the 19",
                   lookup (parent, "r10000", "filter_worst_ms"), "ms", CS_BENCH_AT_MOST, 16);
  cs_bench_report ("  (every keystroke after the first)",
                   lookup (parent, "r10000", "filter_ms"), "ms", CS_BENCH_INFO, 0);
  cs_bench_report ("  (keystroke to painted frame)",
                   lookup (parent, "r10000", "filter_frame_ms"), "ms", CS_BENCH_INFO, 0);
}

static void
add_kib_as_mib (CsBenchSamples *to,
                CsBenchSamples *from)
{
  for (guint i = 0; i < cs_bench_samples_get_n (from); i++)
    cs_bench_samples_add (to, g_array_index (from->values, double, i) / 1024.0);
}

static void
report_memory (Parent *parent)
{
  static const char * const series[] = { "floor", "r0", "r1000", "r10000" };
  static const char * const names[] = {
    "memory: peak RSS, floor window (first frame)", "memory: peak RSS, empty store",
    "memory: peak RSS, 1,000 records", "memory: peak RSS, 10,000 records",
  };
  CsBenchSamples *small = lookup (parent, "r1000", "rss_kib");
  CsBenchSamples *large = lookup (parent, "r10000", "rss_kib");
  g_autoptr(CsBenchSamples) growth = cs_bench_samples_new ();

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      g_autoptr(CsBenchSamples) mib = cs_bench_samples_new ();

      add_kib_as_mib (mib, lookup (parent, series[i], "rss_kib"));
      cs_bench_report (names[i], mib, "MiB", CS_BENCH_INFO, 0);
    }
  /* The slope between 1,000 and 10,000 records: fixed costs cancel out. */
  if (cs_bench_samples_get_n (small) > 0 && cs_bench_samples_get_n (large) > 0)
    for (guint i = 0; i < cs_bench_samples_get_n (large); i++)
      cs_bench_samples_add (growth, (g_array_index (large->values, double, i) -
                                     cs_bench_samples_median (small)) / 9 / 1024.0);
  cs_bench_report ("memory: growth per 1,000 records", growth, "MiB", CS_BENCH_INFO, 0);
}

static int
run_parent (const char *fixtures)
{
  Parent parent = { 0, };
  guint startup_rounds = cs_bench_runs (10);
  guint large_runs = cs_bench_runs (5);

  parent.self = g_file_read_link ("/proc/self/exe", NULL);
  parent.fixtures = g_strdup (fixtures);
  parent.samples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) cs_bench_samples_free);

  measure_startup (&parent, startup_rounds);
  report_startup (&parent);

  spawn_child (&parent, "r10000", "r10000", "app", 10000, "--filter", FALSE);
  for (guint i = 0; i < large_runs; i++)
    spawn_child (&parent, "r10000", "r10000", "app", 10000, "--filter", TRUE);
  /* A store of its own, which the key pairs are added to. */
  spawn_child (&parent, "keygen", "keygen", "app", 0, "--keygen", TRUE);
  report_large (&parent);
  report_memory (&parent);

  g_hash_table_unref (parent.samples);
  g_free (parent.self);
  g_free (parent.fixtures);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FIXTURE_DIR");
  g_autofree char *kind = NULL;
  int records = 0;
  gboolean filter = FALSE;
  gboolean keygen = FALSE;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &kind, NULL, NULL },
    { "records", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &records, NULL, NULL },
    { "filter", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &filter, NULL, NULL },
    { "keygen", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &keygen, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-gui: %s\n", error->message);
      return 2;
    }
  if (kind != NULL)
    return run_child (kind, (guint) records, filter, keygen ? cs_bench_runs (3) : 0, argv[0]);

  g_set_prgname ("bench-gui");
  if (argc != 2)
    {
      g_printerr ("Usage: bench-gui FIXTURE_DIR\n");
      return 2;
    }
  return run_parent (argv[1]);
}
