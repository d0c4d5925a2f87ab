/* cs-bench.c — samples, figures and the BENCH lines
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs-bench.h"

CsBenchSamples *
cs_bench_samples_new (void)
{
  CsBenchSamples *samples = g_new0 (CsBenchSamples, 1);

  samples->values = g_array_new (FALSE, FALSE, sizeof (double));
  return samples;
}

void
cs_bench_samples_free (CsBenchSamples *samples)
{
  if (samples == NULL)
    return;
  g_array_unref (samples->values);
  g_free (samples);
}

void
cs_bench_samples_add (CsBenchSamples *samples,
                      double          value)
{
  g_array_append_val (samples->values, value);
}

guint
cs_bench_samples_get_n (CsBenchSamples *samples)
{
  return samples->values->len;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The q-quantile, linearly interpolated between the sorted samples (q = 0.5
 * gives the usual median: the mean of the two middle ones for an even n). */
double
cs_bench_samples_quantile (CsBenchSamples *samples,
                           double          q)
{
  g_autoptr(GArray) sorted = NULL;
  double position, low, high;
  guint below;

  if (samples->values->len == 0)
    return 0;

  sorted = g_array_copy (samples->values);
  g_array_sort (sorted, compare_doubles);
  position = q * (sorted->len - 1);
  below = (guint) position;
  low = g_array_index (sorted, double, below);
  high = g_array_index (sorted, double, MIN (below + 1, sorted->len - 1));
  return low + (high - low) * (position - below);
}

double
cs_bench_samples_median (CsBenchSamples *samples)
{
  return cs_bench_samples_quantile (samples, 0.5);
}

double
cs_bench_samples_min (CsBenchSamples *samples)
{
  return cs_bench_samples_quantile (samples, 0);
}

double
cs_bench_samples_max (CsBenchSamples *samples)
{
  return cs_bench_samples_quantile (samples, 1);
}

/* Three significant figures, without an exponent. */
static char *
format_value (double value)
{
  double magnitude = ABS (value);

  if (magnitude >= 100 || (value == (gint64) value && magnitude < 1e6))
    return g_strdup_printf ("%.0f", value);
  if (magnitude >= 10)
    return g_strdup_printf ("%.1f", value);
  if (magnitude >= 1)
    return g_strdup_printf ("%.2f", value);
  return g_strdup_printf ("%.3f", value);
}

static void
print_line (const char     *name,
            CsBenchSamples *samples,
            const char     *unit,
            const char     *target,
            const char     *verdict)
{
  g_autofree char *median = format_value (cs_bench_samples_median (samples));
  g_autofree char *min = format_value (cs_bench_samples_min (samples));
  g_autofree char *max = format_value (cs_bench_samples_max (samples));

  printf ("BENCH\t%s\t%s %s\t%s–%s %s\t%u\t%s\t%s\n", name, median, unit, min, max, unit,
          cs_bench_samples_get_n (samples), target, verdict);
  fflush (stdout);
}

void
cs_bench_report (const char     *name,
                 CsBenchSamples *samples,
                 const char     *unit,
                 CsBenchGoal     goal,
                 double          target)
{
  g_autofree char *target_value = format_value (target);
  g_autofree char *target_text = NULL;
  const char *verdict = "info";

  switch (goal)
    {
    case CS_BENCH_AT_MOST:
      target_text = g_strdup_printf ("≤ %s %s", target_value, unit);
      verdict = cs_bench_samples_median (samples) <= target ? "met" : "MISSED";
      break;
    case CS_BENCH_INFO:
    default:
      target_text = g_strdup ("—");
      break;
    }
  if (cs_bench_samples_get_n (samples) == 0)
    verdict = "NO DATA";
  print_line (name, samples, unit, target_text, verdict);
}

void
cs_bench_report_count (const char     *name,
                       CsBenchSamples *samples,
                       const char     *unit,
                       double          expected)
{
  g_autofree char *target_value = format_value (expected);
  g_autofree char *target_text = g_strdup_printf ("= %s %s", target_value, unit);
  gboolean met = cs_bench_samples_get_n (samples) > 0 &&
                 cs_bench_samples_min (samples) == expected &&
                 cs_bench_samples_max (samples) == expected;

  print_line (name, samples, unit, target_text, met ? "met" : "MISSED");
}

void
cs_bench_note (const char *format,
               ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "%s: %s\n", g_get_prgname () ? g_get_prgname () : "bench", text);
}

guint
cs_bench_runs (guint fallback)
{
  const char *scale = g_getenv ("CS_BENCH_RUNS");
  guint64 value;

  if (scale == NULL || !g_ascii_string_to_unsigned (scale, 10, 1, 1000, &value, NULL))
    return fallback;
  return MAX (1, (guint) (fallback * value / 10));
}

double
cs_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

guint64
cs_bench_peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

char *
cs_bench_store_path (const char *data_home)
{
  return g_build_filename (data_home, "chainsmith", "chainsmith.db", NULL);
}
