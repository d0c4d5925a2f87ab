/* fuzz-common.c — the fixed inputs of the fuzz harnesses
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs-key-pair-private.h"
#include "fuzz-common.h"
#include "fuzz-fixtures.h"

static CsKeyPair *key_pair;
static GDateTime *now;

/* Prints every message; a warning, critical or error aborts, which the
 * fuzzer reports as a crash with the stack (GLib's own fatal path ends in a
 * breakpoint trap, which libFuzzer would not catch). */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  g_autofree char *line = NULL;

  if ((log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) != 0 && g_getenv ("G_MESSAGES_DEBUG") == NULL)
    return G_LOG_WRITER_HANDLED;
  line = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);
  fprintf (stderr, "%s\n", line);
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0)
    abort ();
  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init (void)
{
  static gsize done;
  g_autoptr(GError) error = NULL;

  if (!g_once_init_enter (&done))
    return;

  g_log_set_writer_func (log_writer, NULL, NULL);
  key_pair = cs_key_pair_new_from_private_pem (fuzz_key_pem, strlen (fuzz_key_pem), &error);
  if (key_pair == NULL)
    {
      fprintf (stderr, "fuzz: the fixture key cannot be read: %s\n", error->message);
      abort ();
    }
  now = g_date_time_new_utc (2030, 1, 1, 0, 0, 0);
  g_once_init_leave (&done, 1);
}

CsKeyPair *
fuzz_get_key_pair (void)
{
  return key_pair;
}

const char *
fuzz_get_csr_pem (void)
{
  return fuzz_csr_pem;
}

const char *
fuzz_get_certificate_pem (void)
{
  return fuzz_certificate_pem;
}

const char *
fuzz_get_chain_pem (void)
{
  return fuzz_chain_pem;
}

GDateTime *
fuzz_get_now (void)
{
  return now;
}

void
fuzz_assert_utf8 (const char *what,
                  const char *text)
{
  const char *end = NULL;

  if (text == NULL || g_utf8_validate (text, -1, &end))
    return;
  fprintf (stderr, "fuzz: %s is not valid UTF-8 at byte %ld: “%s”\n", what, (long) (end - text), text);
  abort ();
}

#define fuzz_assert(cond) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        fprintf (stderr, "fuzz: %s:%d: assertion failed: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

static CsCheckLevel
check_rows (CsInspectionReport *report)
{
  static const char *ids[] = {
    CS_CHECK_ID_FILE, CS_CHECK_ID_KEY, CS_CHECK_ID_SUBJECT, CS_CHECK_ID_CA,
    CS_CHECK_ID_KEY_USAGE, CS_CHECK_ID_PATH_LENGTH, CS_CHECK_ID_VALIDITY,
    CS_CHECK_ID_ALGORITHMS, CS_CHECK_ID_EKU, CS_CHECK_ID_NAME_CONSTRAINTS, CS_CHECK_ID_CHAIN,
    CS_CHECK_ID_DRY_RUN,
  };
  CsCheckLevel worst = CS_CHECK_PASS;

  fuzz_assert (g_list_model_get_n_items (G_LIST_MODEL (report)) == G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(CsCheck) check = g_list_model_get_item (G_LIST_MODEL (report), i);
      const char * const *details = cs_check_get_details (check);

      fuzz_assert (g_str_equal (cs_check_get_id (check), ids[i]));
      fuzz_assert (cs_inspection_report_lookup (report, ids[i]) == check);
      fuzz_assert (cs_check_get_message (check) != NULL);
      fuzz_assert (cs_check_get_title (check) != NULL);
      fuzz_assert_utf8 ("a check's message", cs_check_get_message (check));
      for (guint d = 0; details != NULL && details[d] != NULL; d++)
        fuzz_assert_utf8 ("a check's detail", details[d]);
      worst = MAX (worst, cs_check_get_level (check));
    }
  return worst;
}

void
fuzz_check_report (CsInspectionReport *report)
{
  g_autofree char *text = NULL;
  CsCheckLevel worst;

  fuzz_assert (CS_IS_INSPECTION_REPORT (report));
  worst = check_rows (report);
  fuzz_assert (cs_inspection_report_get_level (report) == worst);
  fuzz_assert (cs_inspection_report_get_accepted (report) == (worst != CS_CHECK_FAIL));
  if (cs_inspection_report_get_accepted (report))
    fuzz_assert (cs_inspection_report_get_certificate_pem (report) != NULL);
  fuzz_assert (cs_inspection_report_get_chain_length (report) <= CS_INSPECTION_MAX_CHAIN);
  fuzz_assert ((cs_inspection_report_get_chain_pem (report) == NULL) ==
               (cs_inspection_report_get_chain_length (report) == 0));

  text = cs_inspection_report_to_text (report);
  if (g_getenv ("CS_FUZZ_VERBOSE") != NULL)
    fprintf (stderr, "%s\n", text);
  fuzz_assert_utf8 ("the report", text);
  fuzz_assert_utf8 ("the subject", cs_inspection_report_get_subject (report));
  fuzz_assert_utf8 ("the common name", cs_inspection_report_get_common_name (report));
  fuzz_assert_utf8 ("the issuer", cs_inspection_report_get_issuer (report));
  fuzz_assert_utf8 ("the serial", cs_inspection_report_get_serial (report));
  fuzz_assert_utf8 ("the fingerprint", cs_inspection_report_get_fingerprint (report));
  fuzz_assert_utf8 ("the key usage", cs_inspection_report_get_key_usage (report));
  fuzz_assert_utf8 ("the extended key usage", cs_inspection_report_get_extended_key_usage (report));
  fuzz_assert_utf8 ("the chain", cs_inspection_report_get_chain_pem (report));
  fuzz_assert_utf8 ("the root", cs_inspection_report_get_root_pem (report));
  (void) cs_inspection_report_get_not_before (report);
  (void) cs_inspection_report_get_not_after (report);
  (void) cs_inspection_report_get_path_length (report);
  (void) cs_inspection_report_get_was_der (report);
}
