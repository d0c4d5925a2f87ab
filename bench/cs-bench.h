/* cs-bench.h — what the benchmark programs share: samples, figures, fixtures
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmarks print figures and never fail on a time: a target missed is a
 * verdict in the table, not an exit status. Each result is one line on
 * standard output, tab-separated, that `build-aux/dev bench` gathers into
 * its table:
 *
 *   BENCH  name  median  spread  n  target  verdict
 *
 * Everything else a benchmark prints goes to standard error.
 */

#pragma once

#include <glib.h>
#include <openssl/types.h>

G_BEGIN_DECLS

/* Like g_assert(), but for a call that must happen whatever the build
 * options (g_assert() vanishes under G_DISABLE_ASSERT). */
#define cs_bench_check(expr)                                              \
  G_STMT_START {                                                          \
    if (G_UNLIKELY (!(expr)))                                             \
      g_error ("%s:%d: %s failed", __FILE__, __LINE__, #expr);            \
  } G_STMT_END

/* Samples of one figure, in its unit (ms, µs, KiB, a ratio…). */
typedef struct
{
  GArray *values;   /* double */
} CsBenchSamples;

CsBenchSamples *cs_bench_samples_new     (void);
void            cs_bench_samples_free    (CsBenchSamples  *samples);
void            cs_bench_samples_add     (CsBenchSamples  *samples,
                                          double           value);
guint           cs_bench_samples_get_n   (CsBenchSamples  *samples);
double          cs_bench_samples_median  (CsBenchSamples  *samples);
double          cs_bench_samples_min     (CsBenchSamples  *samples);
double          cs_bench_samples_max     (CsBenchSamples  *samples);
double          cs_bench_samples_quantile (CsBenchSamples *samples,
                                           double          q);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsBenchSamples, cs_bench_samples_free)

/* How a figure is judged against its target. */
typedef enum
{
  CS_BENCH_INFO,        /* no target: a figure to compare with */
  CS_BENCH_AT_MOST,     /* the median must be ≤ the target */
} CsBenchGoal;

/* Prints the BENCH line of @samples: its median, its spread (min–max), n,
 * and the verdict against @target (in @unit) when @goal is
 * CS_BENCH_AT_MOST. @unit is printed after each figure ("ms", "×"). */
void     cs_bench_report         (const char      *name,
                                  CsBenchSamples  *samples,
                                  const char      *unit,
                                  CsBenchGoal      goal,
                                  double           target);

/* A BENCH line for a count that has an exact expected value (such as the
 * transactions of one operation): met when every sample equals @expected. */
void     cs_bench_report_count   (const char      *name,
                                  CsBenchSamples  *samples,
                                  const char      *unit,
                                  double           expected);

/* A line of remarks on standard error, prefixed with the program's name. */
void     cs_bench_note           (const char      *format,
                                  ...) G_GNUC_PRINTF (1, 2);

/* The number of repetitions: @fallback, or CS_BENCH_RUNS × @fallback / 10
 * when that variable is set (CS_BENCH_RUNS=10 is the default scale). */
guint    cs_bench_runs           (guint            fallback);

/* Monotonic time in microseconds (g_get_monotonic_time()) as a double in
 * milliseconds, for differences. */
double   cs_bench_now_ms         (void);

/* The peak resident set size of this process (VmHWM), in KiB; 0 when
 * unknown. */
guint64  cs_bench_peak_rss_kib   (void);

/* The fixtures (cs-bench-pki.c): a root, two CAs under it, and an
 * intermediate certificate for @key_pair signed by the lower CA from
 * @csr_pem. All RSA 2048 and SHA-256; valid from yesterday, the CAs for ten
 * years, the intermediate for one. */
typedef struct
{
  EVP_PKEY *root_key;
  X509     *root;
  EVP_PKEY *ca1_key;
  X509     *ca1;
  EVP_PKEY *ca2_key;
  X509     *ca2;
} CsBenchPki;

CsBenchPki *cs_bench_pki_new             (void);
void        cs_bench_pki_free            (CsBenchPki   *pki);
/* The intermediate certificate for the request, PEM. */
char       *cs_bench_pki_sign_csr        (CsBenchPki   *pki,
                                          const char   *csr_pem,
                                          guint         path_length);
/* The chain as the admin uploads it: CA2, CA1, root, PEM. */
char       *cs_bench_pki_chain_pem       (CsBenchPki   *pki);
char       *cs_bench_x509_to_pem         (X509         *cert);
X509       *cs_bench_x509_from_pem       (const char   *pem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsBenchPki, cs_bench_pki_free)

/* The subject every benchmark request carries. */
#define CS_BENCH_SUBJECT_CN "Example Inspection CA"
#define CS_BENCH_SUBJECT_O  "Example Org"
#define CS_BENCH_SUBJECT_C  "DE"

/* The fixture stores (cs-bench-fixture.c): @dir/chainsmith/chainsmith.db
 * with @n_records records, as $XDG_DATA_HOME would hold it. */
char       *cs_bench_store_path          (const char   *data_home);

G_END_DECLS
