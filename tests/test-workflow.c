/* test-workflow.c — Chainsmith's own request, signed as its instructions say,
 * passes every check with no warning
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-csr.h"
#include "cs-inspection.h"
#include "cs-key-pair.h"
#include "cs-signing.h"
#include "cs-test-pki.h"
#include "cs-test-util.h"

typedef struct
{
  CsKeyType   key_type;
  guint       path_length;
  CsDigest    digest;
} WorkflowCase;

static CsSubject *
make_subject (void)
{
  CsSubject *subject = cs_subject_new ();

  cs_subject_set (subject, CS_SUBJECT_COMMON_NAME, "Example Inspection CA");
  cs_subject_set (subject, CS_SUBJECT_ORGANIZATION, "Example Zürich AG");
  cs_subject_set (subject, CS_SUBJECT_DEPARTMENT, "Security");
  cs_subject_set (subject, CS_SUBJECT_CITY, "Zürich");
  cs_subject_set (subject, CS_SUBJECT_STATE, "ZH");
  cs_subject_set (subject, CS_SUBJECT_COUNTRY, "CH");
  return subject;
}

/* Generates a key and a request with Chainsmith, has the openssl command sign
 * it with @lines, and returns the report of the checks with the root as chain. */
static CsInspectionReport *
sign_and_inspect (const WorkflowCase *wc,
                  const char         *lines,
                  const char         *tag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsKeyPair) key_pair = NULL;
  g_autoptr(CsSubject) subject = make_subject ();
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) root = NULL;
  g_autofree char *csr_pem = NULL;
  g_autofree char *csr_path = g_strdup_printf ("%s.csr", tag);
  g_autofree char *cert_path = g_strdup_printf ("%s.pem", tag);
  g_autofree char *options = g_strdup_printf ("-days 1825 -%s", cs_digest_get_nick (wc->digest));

  key_pair = cs_key_pair_generate (wc->key_type, NULL, &error);
  g_assert_no_error (error);
  csr_pem = cs_csr_generate (key_pair, subject, wc->digest, wc->path_length, &error);
  g_assert_no_error (error);
  cs_test_pki_write (csr_path, csr_pem);

  cs_test_pki_sign ("workflow-root", csr_path, lines, options, cert_path);

  cert = cs_test_pki_read_bytes (cert_path);
  root = cs_test_pki_read_bytes ("workflow-root.pem");
  return cs_inspect (key_pair, csr_pem, wc->path_length, cert, root, NULL);
}

static void
ensure_root (void)
{
  static gboolean made;

  if (made)
    return;
  cs_test_pki_make_root ("workflow-root", "/CN=Workflow Root CA/O=Example Zürich AG/C=CH",
                         "rsa:3072", NULL, 3650);
  made = TRUE;
}

static void
test_instructions_pass_without_warning (gconstpointer data)
{
  const WorkflowCase *wc = data;
  g_autoptr(CsInspectionReport) report = NULL;
  g_autofree char *lines = cs_signing_get_extensions (wc->path_length);
  g_autofree char *tag = g_strdup_printf ("wf-%s-%u-%s", cs_key_type_get_nick (wc->key_type),
                                          wc->path_length, cs_digest_get_nick (wc->digest));
  guint n;

  ensure_root ();
  report = sign_and_inspect (wc, lines, tag);

  n = g_list_model_get_n_items (G_LIST_MODEL (report));
  g_assert_cmpuint (n, ==, 12);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsCheck) check = g_list_model_get_item (G_LIST_MODEL (report), i);

      if (cs_check_get_level (check) != CS_CHECK_PASS)
        g_error ("check %s is %s: %s", cs_check_get_id (check),
                 cs_check_level_get_nick (cs_check_get_level (check)), cs_check_get_message (check));
    }
  g_assert_true (cs_inspection_report_get_accepted (report));
  g_assert_cmpint (cs_inspection_report_get_level (report), ==, CS_CHECK_PASS);
  g_assert_cmpint (cs_inspection_report_get_path_length (report), ==, wc->path_length);
  g_assert_cmpstr (cs_inspection_report_get_common_name (report), ==, "Example Inspection CA");
}

/* The console's own minimum lines are accepted, at the cost the instructions
 * name: the warnings below, and nothing refused. */
static void
test_minimum_lines_cost_warnings (void)
{
  static const WorkflowCase wc = { CS_KEY_TYPE_EC_P256, 1, CS_DIGEST_SHA256 };
  g_autoptr(CsInspectionReport) report = NULL;
  g_autofree char *lines = cs_signing_get_minimum_extensions ();
  g_autofree char *costs = cs_signing_get_minimum_costs ();

  ensure_root ();
  report = sign_and_inspect (&wc, lines, "wf-minimum");

  g_assert_true (cs_inspection_report_get_accepted (report));
  g_assert_cmpint (cs_check_get_level (cs_inspection_report_lookup (report, CS_CHECK_ID_CA)), ==, CS_CHECK_WARN);
  g_assert_cmpint (cs_check_get_level (cs_inspection_report_lookup (report, CS_CHECK_ID_KEY_USAGE)), ==, CS_CHECK_WARN);
  g_assert_cmpint (cs_check_get_level (cs_inspection_report_lookup (report, CS_CHECK_ID_PATH_LENGTH)), ==, CS_CHECK_WARN);
  g_assert_cmpint (cs_check_get_level (cs_inspection_report_lookup (report, CS_CHECK_ID_KEY)), ==, CS_CHECK_PASS);
  g_assert_cmpint (cs_check_get_level (cs_inspection_report_lookup (report, CS_CHECK_ID_DRY_RUN)), ==, CS_CHECK_PASS);
  g_assert_nonnull (costs);
  g_assert_cmpstr (costs, !=, "");
}

static const WorkflowCase cases[] = {
  { CS_KEY_TYPE_RSA_2048, 0, CS_DIGEST_SHA256 },
  { CS_KEY_TYPE_RSA_2048, 1, CS_DIGEST_SHA256 },
  { CS_KEY_TYPE_RSA_3072, 1, CS_DIGEST_SHA384 },
  { CS_KEY_TYPE_EC_P256, 0, CS_DIGEST_SHA256 },
  { CS_KEY_TYPE_EC_P384, 1, CS_DIGEST_SHA512 },
};

int
main (int   argc,
      char *argv[])
{
  cs_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/workflow/instructions-pass/%s/pathlen-%u/%s",
                                               cs_key_type_get_nick (cases[i].key_type),
                                               cases[i].path_length,
                                               cs_digest_get_nick (cases[i].digest));

      g_test_add_data_func (path, &cases[i], test_instructions_pass_without_warning);
    }
  g_test_add_func ("/workflow/minimum-lines-cost-warnings", test_minimum_lines_cost_warnings);

  return g_test_run ();
}
