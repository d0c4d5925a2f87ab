/* test-inspection.c — the checks on an uploaded certificate and chain (SPEC §4)
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every certificate here is made by the `openssl` command (cs-test-pki.h),
 * once per test process, in the test's temporary folder.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "cs-error.h"
#include "cs-inspection.h"
#include "cs-key-pair-private.h"
#include "cs-test-pki.h"
#include "cs-test-util.h"

#define SUBJECT "/CN=Test Intermediate/O=Test Org/C=DE"
#define KU_LINES "keyUsage=critical,keyCertSign,cRLSign\n"
#define ID_LINES "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
#define BAD_BASE64 "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"
#define BC_LINE(pathlen) "basicConstraints=critical,CA:TRUE,pathlen:" #pathlen "\n"

static const char *row_order[] = {
  "file", "key", "subject", "ca", "key-usage", "path-length", "validity", "algorithms", "eku",
  "name-constraints", "chain", "dry-run",
};

static struct
{
  CsKeyPair *key;
  char      *csr;
  GDateTime *now;
} fx;

static void
make_roots (void)
{
  cs_test_pki_make_root ("root", "/CN=Test Root/O=Test Org", "ec:P-256", NULL, 3650);
  cs_test_pki_make_root ("rootnoku", "/CN=Root Without Key Usage", "ec:P-256",
                         "basicConstraints=critical,CA:TRUE\nsubjectKeyIdentifier=hash\n", 3650);
  cs_test_pki_make_root ("root1024", "/CN=Weak Root", "rsa:1024", NULL, 3650);
  cs_test_pki_make_root ("rootshort", "/CN=Short Root", "ec:P-256", NULL, 100);
  /* Another root of the same name as "root", with another key. */
  cs_test_pki_make_root ("fakeroot", "/CN=Test Root/O=Test Org", "ec:P-256", NULL, 3650);
}

static void
make_middles (void)
{
  cs_test_pki_make_ca ("mid", "/CN=Test Middle", "root",
                       "basicConstraints=critical,CA:TRUE\n" KU_LINES ID_LINES, 1825);
  cs_test_pki_make_ca ("mid0", "/CN=Test Middle Zero", "root", BC_LINE (0) KU_LINES ID_LINES, 1825);
  /* An expired middle. */
  cs_test_pki_make_key ("midexp.key", "ec:P-256");
  cs_test_pki_make_csr ("midexp.key", "/CN=Expired Middle", "midexp.csr");
  cs_test_pki_sign_dated ("root", "midexp.csr", CS_TEST_PKI_CA_LINES (1),
                          "20200101000000Z", "20210101000000Z", "midexp.pem");
  /* A root with pathlen:0 above a middle. */
  cs_test_pki_make_root ("rootpl0", "/CN=Root Pathlen Zero", "ec:P-256",
                         BC_LINE (0) KU_LINES "subjectKeyIdentifier=hash\n", 3650);
  cs_test_pki_make_ca ("midpl", "/CN=Middle Below Pathlen Zero", "rootpl0",
                       "basicConstraints=critical,CA:TRUE\n" KU_LINES ID_LINES, 1825);
  /* Middles that limit what is below them. */
  cs_test_pki_make_ca ("midany", "/CN=Middle Any EKU", "root",
                       CS_TEST_PKI_CA_LINES (1) "extendedKeyUsage=anyExtendedKeyUsage\n", 1825);
  cs_test_pki_make_ca ("midclient", "/CN=Middle Client EKU", "root",
                       CS_TEST_PKI_CA_LINES (1) "extendedKeyUsage=clientAuth\n", 1825);
  cs_test_pki_make_ca ("midnc", "/CN=Middle Name Constraints", "root",
                       CS_TEST_PKI_CA_LINES (1) "nameConstraints=critical,excluded;DNS:.invalid\n",
                       1825);
  cs_test_pki_make_ca ("midnocs", "/CN=Middle Without Cert Sign", "root",
                       "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,cRLSign\n" ID_LINES,
                       1825);
  cs_test_pki_make_root ("root224", "/CN=Small EC Root", "ec:P-224", NULL, 3650);
}

/* A loop: "Loop A" is issued by "Loop B" and "Loop B" by "Loop A". */
static void
make_loop (void)
{
  cs_test_pki_make_root ("loopb0", "/CN=Loop B", "ec:P-256", NULL, 3650);
  cs_test_pki_make_ca ("loopa", "/CN=Loop A", "loopb0", CS_TEST_PKI_CA_LINES (5), 3650);
  cs_test_pki_make_csr ("loopb0.key", "/CN=Loop B", "loopb.csr");
  cs_test_pki_sign ("loopa", "loopb.csr", CS_TEST_PKI_CA_LINES (5), "-days 3650 -sha256",
                    "loopb.pem");
  cs_test_pki_sign ("loopa", "int.csr", CS_TEST_PKI_CA_LINES (1), NULL, "viaa.pem");
}

static void
make_requests (void)
{
  cs_test_pki_make_key ("int.key", "rsa:2048");
  cs_test_pki_make_key ("other.key", "ec:P-256");
  cs_test_pki_make_csr ("int.key", SUBJECT, "int.csr");
  cs_test_pki_make_csr ("other.key", SUBJECT, "other.csr");
  cs_test_pki_make_csr ("int.key", "/CN=Someone Else/O=Test Org/C=DE", "othercn.csr");
  cs_test_pki_make_csr ("int.key", "/CN=Test Intermediate/O=Other Org/C=DE", "othero.csr");
  cs_test_pki_make_csr ("int.key", "/CN=Test Intermediate/O=Test Org/OU=Extra", "otherou.csr");
}

typedef struct
{
  const char *name;
  const char *ca;
  const char *csr;
  const char *lines;
  const char *options;
} CertSpec;

#define CA0 CS_TEST_PKI_CA_LINES (0)
#define CA1 CS_TEST_PKI_CA_LINES (1)
#define CA2 CS_TEST_PKI_CA_LINES (2)

static void
make_intermediates (void)
{
  const CertSpec certs[] = {
    { "good0", "root", "int.csr", CA0, NULL },
    { "good1", "root", "int.csr", CA1, NULL },
    { "goodnoku", "rootnoku", "int.csr", CA1, NULL },
    { "cafalse", "root", "int.csr",
      "basicConstraints=critical,CA:FALSE\n" KU_LINES ID_LINES, NULL },
    { "nobc", "root", "int.csr", KU_LINES ID_LINES, NULL },
    { "bcnoncrit", "root", "int.csr",
      "basicConstraints=CA:TRUE,pathlen:1\n" KU_LINES ID_LINES, NULL },
    { "nocertsign", "root", "int.csr", BC_LINE (1) "keyUsage=critical,cRLSign\n" ID_LINES, NULL },
    { "nocrlsign", "root", "int.csr",
      BC_LINE (1) "keyUsage=critical,keyCertSign\n" ID_LINES, NULL },
    { "kunoncrit", "root", "int.csr", BC_LINE (1) "keyUsage=keyCertSign,cRLSign\n" ID_LINES, NULL },
    { "noku", "root", "int.csr", BC_LINE (1) ID_LINES, NULL },
    { "pathlen2", "root", "int.csr", CA2, NULL },
    { "nopathlen", "root", "int.csr",
      "basicConstraints=critical,CA:TRUE\n" KU_LINES ID_LINES, NULL },
    { "soon", "root", "int.csr", CA1, "-days 10 -sha256" },
    { "outlives", "rootshort", "int.csr", CA1, NULL },
    { "otherkey", "root", "other.csr", CA1, NULL },
    { "othercn", "root", "othercn.csr", CA1, NULL },
    { "othero", "root", "othero.csr", CA1, NULL },
    { "otherou", "root", "otherou.csr", CA1, NULL },
    { "sha1weak", "root1024", "int.csr", CA1, "-days 365 -sha1" },
    { "sha1", "root", "int.csr", CA1, "-days 365 -sha1" },
    { "weakroot", "root1024", "int.csr", CA1, NULL },
    { "clientauth", "root", "int.csr", CA1 "extendedKeyUsage=clientAuth,1.2.3.4\n", NULL },
    { "anyeku", "root", "int.csr", CA1 "extendedKeyUsage=anyExtendedKeyUsage\n", NULL },
    { "serverauth", "root", "int.csr", CA1 "extendedKeyUsage=serverAuth,clientAuth\n", NULL },
    { "nc", "root", "int.csr", CA1 "nameConstraints=critical,permitted;DNS:example.com\n", NULL },
    { "viamid", "mid", "int.csr", CA0, NULL },
    { "viamid0", "mid0", "int.csr", CA0, NULL },
    { "viamidexp", "midexp", "int.csr", CA0, NULL },
    { "viamidpl", "midpl", "int.csr", CA0, NULL },
    { "viamidany", "midany", "int.csr", CA0, NULL },
    { "viamidclient", "midclient", "int.csr", CA0, NULL },
    { "viamidnc", "midnc", "int.csr", CA0, NULL },
    { "viamidfuture", "midfuture", "int.csr", CA0, NULL },
    { "viamidnocs", "midnocs", "int.csr", CA0, NULL },
    { "ec224", "root224", "int.csr", CA1, NULL },
    { "noskid", "root", "int.csr", BC_LINE (1) KU_LINES "subjectKeyIdentifier=none\n", NULL },
    { "noakid", "root", "int.csr",
      BC_LINE (1) KU_LINES "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=none\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (certs); i++)
    {
      g_autofree char *out = g_strconcat (certs[i].name, ".pem", NULL);

      cs_test_pki_sign (certs[i].ca, certs[i].csr, certs[i].lines, certs[i].options, out);
    }
}

static void
make_dated (GDateTime *start)
{
  g_autoptr(GDateTime) soon = g_date_time_add_days (start, 10);
  g_autoptr(GDateTime) later = g_date_time_add_days (start, 300);
  g_autofree char *from = cs_test_pki_date (soon);
  g_autofree char *until = cs_test_pki_date (later);

  cs_test_pki_sign_dated ("root", "int.csr", CS_TEST_PKI_CA_LINES (1),
                          "20200101000000Z", "20210101000000Z", "expired.pem");
  cs_test_pki_sign_dated ("root", "int.csr", CS_TEST_PKI_CA_LINES (1), from, until, "notyet.pem");
  /* A middle not valid yet. */
  cs_test_pki_make_key ("midfuture.key", "ec:P-256");
  cs_test_pki_make_csr ("midfuture.key", "/CN=Future Middle", "midfuture.csr");
  cs_test_pki_sign_dated ("root", "midfuture.csr", CS_TEST_PKI_CA_LINES (1), from, until,
                          "midfuture.pem");
}

static void
make_other_objects (void)
{
  cs_test_pki_to_der ("good1.pem", "good1.der");
  cs_test_pki_make_crl ("root", "root.crl");
  cs_test_sh ("openssl crl2pkcs7 -nocrl -certfile good1.pem -certfile root.pem -out bundle.p7b");
  cs_test_sh ("openssl crl2pkcs7 -nocrl -certfile good1.pem -outform DER -out bundle-der.p7b");
  cs_test_sh ("openssl pkey -in int.key -outform DER -out int-key.der");
  cs_test_sh ("openssl pkey -in int.key -pubout -out int-pub.pem");
  cs_test_sh ("openssl req -in int.csr -outform DER -out int-csr.der");
  cs_test_sh ("openssl pkcs12 -export -in good1.pem -inkey int.key -passout pass:secret "
              "-out good1.p12");
  cs_test_sh ("openssl ecparam -name prime256v1 -out ecparams.pem");
  cs_test_pki_make_key ("chain.key", "ec:P-256");
  cs_test_sh ("for i in $(seq 1 17); do "
              "openssl req -x509 -new -key chain.key -subj \"/CN=Chain $i\" -days 30 "
              "-out chain-$i.pem || exit 1; done; cat chain-*.pem > chain17.pem");
}

static void
ensure_fixtures (void)
{
  static gboolean built;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *key = NULL;

  if (built)
    return;
  built = TRUE;

  start = g_date_time_new_now_utc ();
  make_requests ();
  make_roots ();
  make_middles ();
  make_loop ();
  make_dated (start);
  make_intermediates ();
  make_other_objects ();

  key = cs_test_pki_read ("int.key");
  fx.key = cs_key_pair_new_from_private_pem (key, strlen (key), &error);
  g_assert_no_error (error);
  fx.csr = cs_test_pki_read ("int.csr");
  /* After every certificate's start: they start when openssl made them. */
  g_clear_pointer (&start, g_date_time_unref);
  start = g_date_time_new_now_utc ();
  fx.now = g_date_time_add_minutes (start, 1);
}

/* Helpers */

static GBytes *
read_chain (const char *files)
{
  g_auto(GStrv) names = NULL;
  GByteArray *chain;

  if (files == NULL)
    return NULL;
  names = g_strsplit (files, " ", -1);
  chain = g_byte_array_new ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = cs_test_pki_read_bytes (names[i]);
      gsize size;
      const guint8 *data = g_bytes_get_data (bytes, &size);

      g_byte_array_append (chain, data, size);
    }
  return g_byte_array_free_to_bytes (chain);
}

static CsInspectionReport *
inspect_bytes (GBytes     *cert,
               GBytes     *chain,
               guint       path_length)
{
  CsInspectionReport *report = cs_inspect (fx.key, fx.csr, path_length, cert, chain, fx.now);

  g_assert_nonnull (report);
  return report;
}

/* Inspects the certificate file @cert with the chain of @chain_files
 * (space-separated, or NULL). */
static CsInspectionReport *
inspect (const char *cert,
         const char *chain_files,
         guint       path_length)
{
  g_autoptr(GBytes) cert_bytes = NULL;
  g_autoptr(GBytes) chain = NULL;

  ensure_fixtures ();
  chain = read_chain (chain_files);
  cert_bytes = cs_test_pki_read_bytes (cert);
  return inspect_bytes (cert_bytes, chain, path_length);
}

static int
row_index (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (row_order); i++)
    if (g_str_equal (row_order[i], id))
      return i;
  g_assert_not_reached ();
}

static char *
levels_to_string (const CsCheckLevel *levels)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (row_order); i++)
    g_string_append_printf (text, "%s=%s ", row_order[i], cs_check_level_get_nick (levels[i]));
  return g_string_free (text, FALSE);
}

/* Asserts the level of every row: the (id, level) pairs given, PASS for
 * every other row; and that the rows are those of SPEC §4, in order. */
static void
assert_report (CsInspectionReport *report,
               ...)
{
  CsCheckLevel expected[G_N_ELEMENTS (row_order)] = { CS_CHECK_PASS, };
  CsCheckLevel actual[G_N_ELEMENTS (row_order)] = { CS_CHECK_PASS, };
  CsCheckLevel worst = CS_CHECK_PASS;
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  g_autofree char *report_text = cs_inspection_report_to_text (report);
  const char *id;
  va_list args;

  va_start (args, report);
  while ((id = va_arg (args, const char *)) != NULL)
    {
      expected[row_index (id)] = (CsCheckLevel) va_arg (args, int);
      worst = MAX (worst, expected[row_index (id)]);
    }
  va_end (args);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (report)), ==, G_N_ELEMENTS (row_order));
  for (guint i = 0; i < G_N_ELEMENTS (row_order); i++)
    {
      g_autoptr(CsCheck) check = g_list_model_get_item (G_LIST_MODEL (report), i);

      g_assert_cmpstr (cs_check_get_id (check), ==, row_order[i]);
      g_assert_nonnull (cs_check_get_message (check));
      actual[i] = cs_check_get_level (check);
    }

  expected_text = levels_to_string (expected);
  actual_text = levels_to_string (actual);
  if (!g_str_equal (expected_text, actual_text))
    g_printerr ("%s", report_text);
  g_assert_cmpstr (actual_text, ==, expected_text);
  g_assert_cmpint (cs_inspection_report_get_level (report), ==, worst);
  g_assert_cmpint (cs_inspection_report_get_accepted (report), ==, worst != CS_CHECK_FAIL);
}

static const char *
message_of (CsInspectionReport *report,
            const char         *id)
{
  CsCheck *check = cs_inspection_report_lookup (report, id);

  g_assert_nonnull (check);
  return cs_check_get_message (check);
}

static void
assert_message_contains (CsInspectionReport *report,
                         const char         *id,
                         const char         *part)
{
  const char *message = message_of (report, id);

  if (strstr (message, part) == NULL)
    g_error ("the %s message “%s” does not contain “%s”", id, message, part);
}

/* What openssl says of a certificate, as "key=value" lines. */
static char *
openssl_says (const char *cert,
              const char *options)
{
  g_autofree char *command = g_strdup_printf ("openssl x509 -in '%s' -noout %s", cert, options);
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  g_autofree char *err = NULL;
  char *out = NULL;

  g_assert_cmpint (cs_test_spawn (argv, NULL, &out, &err), ==, 0);
  return g_strstrip (out);
}

static gint64
openssl_date (const char *cert,
              const char *option)
{
  g_autofree char *out = openssl_says (cert, option);
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) date_time = NULL;
  const char *value = strchr (out, '=') + 1;

  /* "2026-01-01 00:00:00Z" */
  iso = g_strdup (value);
  iso[10] = 'T';
  date_time = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (date_time);
  return g_date_time_to_unix (date_time);
}

/* Accepted uploads */

static void
assert_summary (CsInspectionReport *report,
                const char         *cert,
                int                 path_length)
{
  g_autofree char *fingerprint = openssl_says (cert, "-fingerprint -sha256");
  g_autofree char *serial = openssl_says (cert, "-serial");
  g_autofree char *pem = cs_test_pki_read (cert);

  g_assert_cmpstr (cs_inspection_report_get_certificate_pem (report), ==, pem);
  g_assert_cmpstr (cs_inspection_report_get_subject (report), ==,
                   "CN=Test Intermediate,O=Test Org,C=DE");
  g_assert_cmpstr (cs_inspection_report_get_common_name (report), ==, "Test Intermediate");
  g_assert_cmpstr (cs_inspection_report_get_issuer (report), ==, "CN=Test Root,O=Test Org");
  g_assert_cmpstr (strchr (fingerprint, '=') + 1, ==,
                   cs_inspection_report_get_fingerprint (report));
  g_assert_cmpstr (strchr (serial, '=') + 1, ==, cs_inspection_report_get_serial (report));
  g_assert_cmpint (cs_inspection_report_get_not_before (report), ==,
                   openssl_date (cert, "-startdate -dateopt iso_8601"));
  g_assert_cmpint (cs_inspection_report_get_not_after (report), ==,
                   openssl_date (cert, "-enddate -dateopt iso_8601"));
  g_assert_cmpint (cs_inspection_report_get_path_length (report), ==, path_length);
  g_assert_cmpstr (cs_inspection_report_get_key_usage (report), ==, "keyCertSign, cRLSign");
  g_assert_null (cs_inspection_report_get_extended_key_usage (report));
}

static void
test_accepted (gconstpointer data)
{
  guint path_length = GPOINTER_TO_UINT (data);
  g_autofree char *cert = g_strdup_printf ("good%u.pem", path_length);
  g_autoptr(CsInspectionReport) report = inspect (cert, "root.pem", path_length);
  g_autofree char *root = cs_test_pki_read ("root.pem");

  assert_report (report, NULL);
  assert_summary (report, cert, path_length);
  g_assert_cmpstr (cs_inspection_report_get_chain_pem (report), ==, root);
  g_assert_cmpstr (cs_inspection_report_get_root_pem (report), ==, root);
  g_assert_cmpuint (cs_inspection_report_get_chain_length (report), ==, 1);
  g_assert_false (cs_inspection_report_get_was_der (report));
  assert_message_contains (report, "dry-run", "inspection-selftest.invalid");
  assert_message_contains (report, "chain", "Test Root");
}

static void
test_root_without_key_usage (void)
{
  g_autoptr(CsInspectionReport) report = inspect ("goodnoku.pem", "rootnoku.pem", 1);
  g_autofree char *root = cs_test_pki_read ("rootnoku.pem");

  assert_report (report, NULL);
  g_assert_cmpstr (cs_inspection_report_get_root_pem (report), ==, root);
}

/* The chain given top down is stored bottom up. */
static void
test_chain_ordered (void)
{
  g_autoptr(CsInspectionReport) report = inspect ("viamid.pem", "root.pem mid.pem", 0);
  g_autofree char *expected = cs_test_pki_cat ("mid.pem", "root.pem", NULL);
  g_autofree char *root = cs_test_pki_read ("root.pem");

  assert_report (report, NULL);
  g_assert_cmpstr (cs_inspection_report_get_chain_pem (report), ==, expected);
  g_assert_cmpstr (cs_inspection_report_get_root_pem (report), ==, root);
  g_assert_cmpuint (cs_inspection_report_get_chain_length (report), ==, 2);
}

static void
test_der (void)
{
  g_autoptr(CsInspectionReport) report = inspect ("good1.der", "root.pem", 1);
  g_autofree char *pem = cs_test_pki_read ("good1.pem");

  assert_report (report, "file", CS_CHECK_WARN, NULL);
  assert_message_contains (report, "file", "converted");
  g_assert_true (cs_inspection_report_get_was_der (report));
  g_assert_cmpstr (cs_inspection_report_get_certificate_pem (report), ==, pem);
}

/* As Windows tools write it: CRLF line ends and a byte order mark; DER
 * with a trailing newline. */
static void
test_windows_text (void)
{
  g_autoptr(CsInspectionReport) report = NULL;
  g_autoptr(CsInspectionReport) der_report = NULL;
  g_autofree char *pem = NULL;
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GBytes) chain = NULL;

  ensure_fixtures ();
  cs_test_sh ("printf '\\357\\273\\277' > bom.pem && sed 's/$/\\r/' good1.pem >> bom.pem && "
              "cp good1.der newline.der && echo >> newline.der");
  chain = read_chain ("root.pem");
  cert = cs_test_pki_read_bytes ("bom.pem");
  report = inspect_bytes (cert, chain, 1);
  assert_report (report, NULL);
  pem = cs_test_pki_read ("good1.pem");
  g_assert_cmpstr (cs_inspection_report_get_certificate_pem (report), ==, pem);

  der = cs_test_pki_read_bytes ("newline.der");
  der_report = inspect_bytes (der, chain, 1);
  assert_report (der_report, "file", CS_CHECK_WARN, NULL);
}

/* One fixture per fail and warn row */

typedef struct
{
  const char   *cert;
  const char   *chain;
  guint         path_length;
  const char   *part;     /* a part of the first row's message */
  const char   *id1;
  CsCheckLevel  level1;
  const char   *id2;
  CsCheckLevel  level2;
  const char   *id3;
  CsCheckLevel  level3;
} RowCase;

static void
test_row (gconstpointer data)
{
  const RowCase *row = data;
  g_autoptr(CsInspectionReport) report = inspect (row->cert, row->chain, row->path_length);
  g_autofree char *text = cs_inspection_report_to_text (report);

  g_test_message ("%s", text);
  assert_report (report, row->id1, row->level1, row->id2, row->level2, row->id3, row->level3, NULL);
  assert_message_contains (report, row->id1, row->part);
}

#define PASS CS_CHECK_PASS
#define WARN CS_CHECK_WARN
#define FAIL CS_CHECK_FAIL

static const RowCase row_cases[] = {
  /* key */
  { "otherkey.pem", "root.pem", 1, "do not match", "key", FAIL, "dry-run", FAIL },
  /* subject */
  { "othercn.pem", "root.pem", 1, "Someone Else", "subject", FAIL },
  { "othero.pem", "root.pem", 1, "Other Org", "subject", WARN },
  { "otherou.pem", "root.pem", 1, "adds OU “Extra”", "subject", WARN },
  { "otherou.pem", "root.pem", 1, "lacks the request’s C “DE”", "subject", WARN },
  /* ca */
  { "cafalse.pem", "root.pem", 1, "CA:FALSE", "ca", FAIL, "path-length", WARN, "dry-run", FAIL },
  { "nobc.pem", "root.pem", 1, "no basicConstraints", "ca", FAIL, "path-length", WARN,
    "dry-run", FAIL },
  { "bcnoncrit.pem", "root.pem", 1, "not marked critical", "ca", WARN },
  /* key usage */
  { "nocertsign.pem", "root.pem", 1, "keyCertSign", "key-usage", FAIL, "dry-run", FAIL },
  { "noku.pem", "root.pem", 1, "no keyUsage", "key-usage", FAIL },
  { "nocrlsign.pem", "root.pem", 1, "cRLSign", "key-usage", WARN },
  { "kunoncrit.pem", "root.pem", 1, "not marked critical", "key-usage", WARN },
  /* path length */
  { "pathlen2.pem", "root.pem", 1, "is 2", "path-length", WARN },
  { "nopathlen.pem", "root.pem", 1, "no path length", "path-length", WARN },
  { "good0.pem", "root.pem", 1, "asked for 1", "path-length", WARN },
  /* validity */
  { "expired.pem", "root.pem", 1, "expired on 2021-01-01", "validity", FAIL, "dry-run", FAIL },
  { "notyet.pem", "root.pem", 1, "not valid yet", "validity", FAIL, "dry-run", FAIL },
  { "soon.pem", "root.pem", 1, "expires soon", "validity", WARN },
  { "outlives.pem", "rootshort.pem", 1, "Short Root", "validity", WARN },
  /* algorithms */
  { "sha1.pem", "root.pem", 1, "SHA1", "algorithms", FAIL },
  { "weakroot.pem", "root1024.pem", 1, "1024 bits", "algorithms", FAIL },
  { "ec224.pem", "root224.pem", 1, "EC key of 224 bits", "algorithms", FAIL },
  /* eku */
  { "clientauth.pem", "root.pem", 1, "(clientAuth, 1.2.3.4)", "eku", FAIL, "dry-run", FAIL },
  { "viamidclient.pem", "midclient.pem root.pem", 0, "“Middle Client EKU”", "eku", FAIL,
    "dry-run", FAIL },
  { "viamidany.pem", "midany.pem root.pem", 0, "“Middle Any EKU”", "eku", WARN, "dry-run", WARN },
  { "anyeku.pem", "root.pem", 1, "anyExtendedKeyUsage", "eku", WARN, "dry-run", WARN },
  { "serverauth.pem", "root.pem", 1, "", "eku", PASS },
  /* name constraints */
  /* An intermediate without subjectKeyIdentifier: the test leaf goes without AKID. */
  { "noskid.pem", "root.pem", 1, "verifies against the root", "dry-run", PASS },
  { "nc.pem", "root.pem", 1, "name constraints", "name-constraints", WARN, "dry-run", WARN },
  { "viamidnc.pem", "midnc.pem root.pem", 0, "“Middle Name Constraints”", "name-constraints", WARN,
    "dry-run", WARN },
  /* chain */
  { "viamid.pem", "root.pem", 0, "does not link up", "chain", FAIL, "dry-run", WARN },
  { "viamid0.pem", "mid0.pem root.pem", 0, "pathlen:0", "chain", FAIL, "dry-run", FAIL },
  { "viamidpl.pem", "midpl.pem rootpl0.pem", 0, "pathlen:0", "chain", FAIL, "dry-run", FAIL },
  { "viamidexp.pem", "midexp.pem root.pem", 0, "expired on 2021-01-01", "chain", FAIL,
    "dry-run", FAIL, "validity", WARN },
  { "viamidfuture.pem", "midfuture.pem root.pem", 0, "not valid until", "chain", FAIL,
    "dry-run", FAIL, "validity", WARN },
  { "viamid.pem", "mid.pem", 0, "without the root", "chain", WARN, "dry-run", WARN },
  { "good1.pem", NULL, 1, "No chain", "chain", WARN, "dry-run", WARN },
  { "good1.pem", "root.pem root.pem", 1, "duplicate", "chain", WARN },
  { "good1.pem", "good1.pem root.pem", 1, "intermediate certificate itself", "chain", WARN },
  { "good1.pem", "root.pem rootnoku.pem", 1, "not part of it", "chain", WARN },
  { "noakid.pem", "fakeroot.pem", 1, "does not verify", "chain", FAIL, "dry-run", WARN },
  { "viamidnocs.pem", "midnocs.pem root.pem", 0, "key usage does not include certificate signing",
    "chain", FAIL, "dry-run", WARN },
  { "good1.pem", "chain17.pem", 1, "17 certificates", "chain", FAIL, "dry-run", FAIL },
  { "viaa.pem", "loopa.pem loopb.pem", 1, "circle", "chain", FAIL, "dry-run", WARN },
};

/* The file row */

static void
assert_file_fails (GBytes     *cert,
                   const char *part)
{
  g_autoptr(CsInspectionReport) report = NULL;
  g_autoptr(GBytes) chain = read_chain ("root.pem");
  g_autofree char *text = NULL;

  ensure_fixtures ();
  report = inspect_bytes (cert, chain, 1);
  assert_report (report, "file", FAIL, "key", FAIL, "subject", FAIL, "ca", FAIL,
                 "key-usage", FAIL, "path-length", FAIL, "validity", FAIL, "algorithms", FAIL,
                 "eku", FAIL, "name-constraints", FAIL, "chain", FAIL, "dry-run", FAIL, NULL);
  assert_message_contains (report, "file", part);
  g_assert_null (cs_inspection_report_get_certificate_pem (report));
  g_assert_null (cs_inspection_report_get_subject (report));
  for (guint i = 1; i < G_N_ELEMENTS (row_order); i++)
    g_assert_false (cs_check_get_checked (cs_inspection_report_lookup (report, row_order[i])));
  g_assert_true (cs_check_get_checked (cs_inspection_report_lookup (report, "file")));
  /* No key material anywhere in the report. */
  text = cs_inspection_report_to_text (report);
  g_assert_null (strstr (text, "PRIVATE"));
}

static void
test_file_object (gconstpointer data)
{
  const char * const *file_part = data;
  g_autoptr(GBytes) cert = NULL;

  ensure_fixtures ();
  cert = cs_test_pki_read_bytes (file_part[0]);
  assert_file_fails (cert, file_part[1]);
}

#define PRIVATE_KEY_MESSAGE \
  "This is a private key, not a certificate. Keep it secret; nothing was stored."

static const char *file_cases[][2] = {
  { "int.key", PRIVATE_KEY_MESSAGE },
  { "int-key.der", PRIVATE_KEY_MESSAGE },
  { "good1.p12", "PKCS#12" },
  { "int.csr", "certificate request (CSR)" },
  { "int-csr.der", "certificate request (CSR)" },
  { "root.crl", "revocation list (CRL)" },
  { "bundle.p7b", "PKCS#7 bundle (.p7b)" },
  { "bundle-der.p7b", "PKCS#7 bundle (.p7b)" },
  { "int-pub.pem", "public key" },
  { "ecparams.pem", "another kind" },
  { "chain17.pem", "17 certificates" },
};

static void
test_file_two_certificates (void)
{
  g_autofree char *both = NULL;
  g_autoptr(GBytes) cert = NULL;

  ensure_fixtures ();
  both = cs_test_pki_cat ("good1.pem", "root.pem", NULL);
  cert = g_bytes_new (both, strlen (both));
  assert_file_fails (cert, "2 certificates");
}

static void
test_file_empty (void)
{
  g_autoptr(GBytes) cert = g_bytes_new (NULL, 0);

  assert_file_fails (cert, "empty");
}

static void
test_file_garbage (void)
{
  guint8 garbage[4096];
  g_autoptr(GBytes) cert = NULL;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = g_random_int_range (0, 256);
  garbage[0] = 0x01;  /* never a DER SEQUENCE */
  cert = g_bytes_new (garbage, sizeof garbage);
  assert_file_fails (cert, "neither a PEM nor a DER certificate");
}

static void
test_file_damaged (void)
{
  g_autofree char *pem = NULL;
  g_autoptr(GBytes) cert = NULL;
  char *body;

  ensure_fixtures ();
  pem = cs_test_pki_read ("good1.pem");
  /* Cut the certificate short, but keep its armour. */
  body = strstr (pem, "\n") + 1;
  memmove (body + 65, strstr (pem, "-----END"), strlen (strstr (pem, "-----END")) + 1);
  cert = g_bytes_new (pem, strlen (pem));
  assert_file_fails (cert, "damaged");
}

/* A valid certificate made larger than 64 KiB is refused unread. */
static void
test_file_too_large (void)
{
  g_autofree char *pem = NULL;
  g_autoptr(GString) big = NULL;
  g_autoptr(GBytes) cert = NULL;

  ensure_fixtures ();
  pem = cs_test_pki_read ("good1.pem");
  big = g_string_new (pem);
  while (big->len <= CS_INSPECTION_MAX_FILE_SIZE)
    g_string_append (big, "# padding padding padding padding padding padding padding\n");
  cert = g_bytes_new (big->str, big->len);
  assert_file_fails (cert, "larger than 64 KiB");
}

/* A certificate and its key in one file: refused, the key named, and the
 * certificate still checked. */
static void
test_file_with_key (void)
{
  g_autoptr(CsInspectionReport) report = NULL;
  g_autofree char *both = NULL;
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) chain = NULL;

  ensure_fixtures ();
  both = cs_test_pki_cat ("good1.pem", "int.key", NULL);
  cert = g_bytes_new (both, strlen (both));
  chain = read_chain ("root.pem");
  report = inspect_bytes (cert, chain, 1);
  assert_report (report, "file", FAIL, NULL);
  assert_message_contains (report, "file", "private key");
  assert_message_contains (report, "file", "nothing was stored");
}

/* The chain file */

static void
test_chain_file (gconstpointer data)
{
  const char * const *file_part = data;
  g_autoptr(CsInspectionReport) report = inspect ("good1.pem", file_part[0], 1);

  assert_report (report, "chain", FAIL, "dry-run", FAIL, NULL);
  assert_message_contains (report, "chain", file_part[1]);
  g_assert_false (cs_check_get_checked (cs_inspection_report_lookup (report, "dry-run")));
  g_assert_null (cs_inspection_report_get_chain_pem (report));
}

static const char *chain_file_cases[][2] = {
  { "int.key", "The chain file holds a private key. Keep it secret; nothing was stored." },
  { "bundle.p7b", "PKCS#7" },
  { "good1.p12", "PKCS#12" },
  { "ecparams.pem", "another kind" },
};

static void
test_chain_bytes (gconstpointer data)
{
  const char *part = data;
  g_autoptr(CsInspectionReport) report = NULL;
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) chain = NULL;

  ensure_fixtures ();
  cert = cs_test_pki_read_bytes ("good1.pem");
  if (g_str_equal (part, "empty"))
    chain = g_bytes_new (NULL, 0);
  else if (g_str_equal (part, "damaged"))
    chain = g_bytes_new_static (BAD_BASE64, strlen (BAD_BASE64));
  else
    chain = g_bytes_new_static ("no certificates here\n", 21);
  report = inspect_bytes (cert, chain, 1);
  assert_report (report, "chain", FAIL, "dry-run", FAIL, NULL);
  assert_message_contains (report, "chain", part);
}

/* A PEM block whose Base64 cannot be decoded. */
static void
test_file_bad_base64 (void)
{
  g_autoptr(GBytes) cert = g_bytes_new_static (BAD_BASE64, strlen (BAD_BASE64));

  ensure_fixtures ();
  assert_file_fails (cert, "damaged");
}

/* A chain of 10,000 certificates, only reachable by a direct call (the
 * file limit is 64 KiB): counted, refused, not parsed. */
static void
test_chain_10000 (void)
{
  g_autoptr(CsInspectionReport) report = NULL;
  g_autofree char *pem = NULL;
  g_autoptr(GString) chain = NULL;
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) chain_bytes = NULL;

  ensure_fixtures ();
  pem = cs_test_pki_read ("root.pem");
  chain = g_string_sized_new (strlen (pem) * 10000);
  for (guint i = 0; i < 10000; i++)
    g_string_append (chain, pem);
  chain_bytes = g_bytes_new (chain->str, chain->len);
  cert = cs_test_pki_read_bytes ("good1.pem");
  report = inspect_bytes (cert, chain_bytes, 1);
  assert_report (report, "chain", FAIL, "dry-run", FAIL, NULL);
  assert_message_contains (report, "chain", "10000 certificates, over the limit of 16");
}

/* A DER chain of one certificate is read. */
static void
test_chain_der (void)
{
  g_autoptr(CsInspectionReport) report = NULL;
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) chain = NULL;
  g_autofree char *root = NULL;
  CsCheck *check;

  ensure_fixtures ();
  cs_test_pki_to_der ("root.pem", "root.der");
  cert = cs_test_pki_read_bytes ("good1.pem");
  chain = cs_test_pki_read_bytes ("root.der");
  report = inspect_bytes (cert, chain, 1);
  assert_report (report, NULL);
  root = cs_test_pki_read ("root.pem");
  g_assert_cmpstr (cs_inspection_report_get_root_pem (report), ==, root);
  check = cs_inspection_report_lookup (report, "chain");
  g_assert_nonnull (strstr (cs_check_get_details (check)[0], "DER"));
}

/* The chain's members are checked even when the certificate is not read. */
static void
test_chain_without_certificate (void)
{
  g_autoptr(CsInspectionReport) report = NULL;
  g_autoptr(GBytes) cert = g_bytes_new_static ("garbage", 7);
  g_autoptr(GBytes) chain = NULL;

  ensure_fixtures ();
  chain = read_chain ("midexp.pem root1024.pem");
  report = inspect_bytes (cert, chain, 1);
  assert_message_contains (report, "chain", "Expired Middle");
  assert_message_contains (report, "algorithms", "1024 bits");
  g_assert_false (cs_check_get_checked (cs_inspection_report_lookup (report, "chain")));
}

/* Several findings in one row: every one in the message, the worst level. */
static void
test_several_findings (void)
{
  g_autoptr(CsInspectionReport) report = inspect ("sha1weak.pem", "root1024.pem", 1);
  CsCheck *check = cs_inspection_report_lookup (report, "algorithms");
  const char * const *details = cs_check_get_details (check);

  assert_report (report, "algorithms", FAIL, NULL);
  assert_message_contains (report, "algorithms", "SHA1");
  assert_message_contains (report, "algorithms", "1024 bits");
  g_assert_cmpuint (g_strv_length ((char **) details), ==, 2);
}

/* The dry run lists every verify error. */
static void
test_dry_run_errors (void)
{
  g_autoptr(CsInspectionReport) report = inspect ("cafalse.pem", "root.pem", 1);
  CsCheck *check = cs_inspection_report_lookup (report, "dry-run");
  const char * const *details = cs_check_get_details (check);
  gboolean invalid_ca = FALSE;

  for (guint i = 0; details[i] != NULL; i++)
    invalid_ca |= strstr (details[i], "invalid CA certificate") != NULL;
  g_assert_true (invalid_ca);
  g_assert_cmpuint (g_strv_length ((char **) details), >=, 2);
}

/* The report as a model and as text; the check's properties */

static void
test_report_model (void)
{
  g_autoptr(CsInspectionReport) report = inspect ("othero.pem", "root.pem", 1);
  g_autoptr(CsCheck) check = g_list_model_get_item (G_LIST_MODEL (report), 2);
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) details = NULL;
  g_autofree char *text = cs_inspection_report_to_text (report);
  g_autofree char *subject = NULL;
  CsCheckLevel level;
  gboolean checked;
  gboolean accepted;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (report)) == CS_TYPE_CHECK);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (report), 12));
  g_object_get (check, "id", &id, "title", &title, "level", &level, "message", &message,
                "details", &details, "checked", &checked, NULL);
  g_assert_cmpstr (id, ==, "subject");
  g_assert_cmpstr (title, ==, "Subject");
  g_assert_cmpint (level, ==, CS_CHECK_WARN);
  g_assert_cmpstr (message, ==, details[0]);
  g_assert_true (checked);
  g_object_get (report, "accepted", &accepted, "subject", &subject, NULL);
  g_assert_true (accepted);
  g_assert_cmpstr (subject, ==, "CN=Test Intermediate,O=Other Org,C=DE");
  g_assert_true (g_str_has_prefix (text, "PASS  file              "));
  g_assert_nonnull (strstr (text, "\nWARN  subject           The certificate’s O is “Other Org”"));
  g_assert_cmpstr (cs_check_level_get_label (CS_CHECK_PASS), ==, "Passed");
  g_assert_cmpstr (cs_check_level_get_label (CS_CHECK_WARN), ==, "Warning");
  g_assert_cmpstr (cs_check_level_get_label (CS_CHECK_FAIL), ==, "Failed");
  g_assert_null (cs_inspection_report_lookup (report, "no-such-check"));
}

/* The report's properties are its getters. */
static void
test_report_properties (void)
{
  g_autoptr(CsInspectionReport) report = inspect ("serverauth.pem", "root.pem", 1);
  g_autofree char *subject = NULL, *issuer = NULL, *serial = NULL, *fingerprint = NULL;
  g_autofree char *key_usage = NULL, *eku = NULL;
  gint64 not_before, not_after;
  int path_length;
  CsCheckLevel level;
  gboolean accepted, was_der;

  g_object_get (report, "level", &level, "accepted", &accepted, "was-der", &was_der,
                "subject", &subject, "issuer", &issuer, "serial", &serial,
                "fingerprint", &fingerprint, "not-before", &not_before, "not-after", &not_after,
                "path-length", &path_length, "key-usage", &key_usage,
                "extended-key-usage", &eku, NULL);
  g_assert_cmpint (level, ==, cs_inspection_report_get_level (report));
  g_assert_true (accepted);
  g_assert_false (was_der);
  g_assert_cmpstr (subject, ==, cs_inspection_report_get_subject (report));
  g_assert_cmpstr (issuer, ==, "CN=Test Root,O=Test Org");
  g_assert_cmpstr (serial, ==, cs_inspection_report_get_serial (report));
  g_assert_cmpstr (fingerprint, ==, cs_inspection_report_get_fingerprint (report));
  g_assert_cmpint (not_before, ==, cs_inspection_report_get_not_before (report));
  g_assert_cmpint (not_after - not_before, ==, 365 * 24 * 3600);
  g_assert_cmpint (path_length, ==, 1);
  g_assert_cmpstr (key_usage, ==, "keyCertSign, cRLSign");
  g_assert_cmpstr (eku, ==, "serverAuth, clientAuth");
}

static void
inspect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) chain = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CsInspectionReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  ensure_fixtures ();
  cert = cs_test_pki_read_bytes ("clientauth.pem");
  chain = read_chain ("root.pem");
  cs_inspect_async (fx.key, fx.csr, 1, cert, chain, fx.now, NULL, inspect_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = cs_inspect_finish (result, &error);
  g_assert_no_error (error);
  assert_report (report, "eku", FAIL, "dry-run", FAIL, NULL);
  g_clear_object (&result);

  g_cancellable_cancel (cancellable);
  cs_inspect_async (fx.key, fx.csr, 1, cert, NULL, NULL, cancellable, inspect_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (cs_inspect_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Without @now, the current time is used: a certificate that expired in
 * 2021 is expired today too. */
static void
test_now_default (void)
{
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(CsInspectionReport) report = NULL;

  ensure_fixtures ();
  cert = cs_test_pki_read_bytes ("expired.pem");
  report = cs_inspect (fx.key, fx.csr, 1, cert, NULL, NULL);
  g_assert_cmpint (cs_check_get_level (cs_inspection_report_lookup (report, "validity")), ==,
                   CS_CHECK_FAIL);
}

/* The record's request unreadable: the subject is not checked. */
static void
test_bad_csr (void)
{
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) chain = NULL;
  g_autoptr(CsInspectionReport) report = NULL;

  ensure_fixtures ();
  cert = cs_test_pki_read_bytes ("good1.pem");
  chain = read_chain ("root.pem");
  report = cs_inspect (fx.key, "not a request", 1, cert, chain, fx.now);
  assert_report (report, "subject", FAIL, NULL);
  g_assert_false (cs_check_get_checked (cs_inspection_report_lookup (report, "subject")));
}

/* cs_inspection_load_file() */

static GBytes *
load (const char  *name,
      GError     **error)
{
  g_autofree char *path = cs_test_pki_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return cs_inspection_load_file (file, NULL, error);
}

static void
test_load_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) expected = NULL;

  ensure_fixtures ();
  bytes = load ("good1.der", &error);
  g_assert_no_error (error);
  expected = cs_test_pki_read_bytes ("good1.der");
  g_assert_true (g_bytes_equal (bytes, expected));
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A non-UTF-8 name. */
  cs_test_sh ("cp good1.pem \"$(printf 'cert-\\377.pem')\"");
  bytes = load ("cert-\377.pem", &error);
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_bytes_unref);
  expected = cs_test_pki_read_bytes ("good1.pem");
  g_assert_true (g_bytes_equal (bytes, expected));
}

static void
test_load_refused (void)
{
  g_autoptr(GError) error = NULL;

  cs_test_sh ("mkdir -p folder && mkfifo fifo && : > empty && "
              "head -c 65537 /dev/zero > big && "
              "truncate -s 100M sparse");

  g_assert_null (load ("folder", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* Refused without waiting for a writer. */
  g_assert_null (load ("fifo", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  g_assert_null (load ("/dev/null", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  g_assert_null (load ("big", &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_null (load ("sparse", &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_null (load ("empty", &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID_CERTIFICATE);
  g_clear_error (&error);

  g_assert_null (load ("missing", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_load_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  cs_test_sh ("head -c 65536 /dev/zero > limit");
  bytes = load ("limit", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, CS_INSPECTION_MAX_FILE_SIZE);
}

static void
test_load_unreadable (void)
{
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root reads every file");
      return;
    }
  cs_test_sh ("echo x > unreadable && chmod 000 unreadable");
  g_assert_null (load ("unreadable", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
}

static void
test_load_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  cs_test_sh ("echo x > small");
  path = cs_test_pki_path ("small");
  file = g_file_new_for_path (path);
  g_cancellable_cancel (cancellable);
  g_assert_null (cs_inspection_load_file (file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A file without a local path (here a GResource) is read through GIO,
 * with the same limits. */
static void
test_load_remote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GResource) resource = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *path = NULL;
  const char *uris[] = { "resource:///test/big", "resource:///test", "resource:///test/missing" };
  GQuark domains[] = { CS_ERROR, G_IO_ERROR, G_IO_ERROR };
  int codes[] = { CS_ERROR_TOO_LARGE, G_IO_ERROR_IS_DIRECTORY, G_IO_ERROR_NOT_FOUND };

  ensure_fixtures ();
  cs_test_pki_write ("res.xml", "<gresources><gresource prefix=\"/test\">"
                     "<file>good1.pem</file><file>big</file></gresource></gresources>");
  cs_test_sh ("head -c 70000 /dev/zero > big && "
              "glib-compile-resources --sourcedir=. --target=test.gresource res.xml");
  path = cs_test_pki_path ("test.gresource");
  resource = g_resource_load (path, &error);
  g_assert_no_error (error);
  g_resources_register (resource);

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);

      g_assert_null (g_file_peek_path (file));
      g_assert_null (cs_inspection_load_file (file, NULL, &error));
      g_assert_error (error, domains[i], codes[i]);
      g_clear_error (&error);
    }

  {
    g_autoptr(GFile) file = g_file_new_for_uri ("resource:///test/good1.pem");

    bytes = cs_inspection_load_file (file, NULL, &error);
    g_assert_no_error (error);
    expected = cs_test_pki_read_bytes ("good1.pem");
    g_assert_true (g_bytes_equal (bytes, expected));
  }
  g_resources_unregister (resource);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_init (&argc, &argv);

  g_test_add_data_func ("/inspection/accepted/pathlen-0", GUINT_TO_POINTER (0), test_accepted);
  g_test_add_data_func ("/inspection/accepted/pathlen-1", GUINT_TO_POINTER (1), test_accepted);
  g_test_add_func ("/inspection/accepted/root-without-key-usage", test_root_without_key_usage);
  g_test_add_func ("/inspection/accepted/chain-ordered", test_chain_ordered);
  g_test_add_func ("/inspection/accepted/der", test_der);
  g_test_add_func ("/inspection/accepted/der-chain", test_chain_der);
  g_test_add_func ("/inspection/accepted/windows-text", test_windows_text);

  for (guint i = 0; i < G_N_ELEMENTS (row_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/inspection/row/%s/%s/%s", row_cases[i].id1,
                                               cs_check_level_get_nick (row_cases[i].level1),
                                               row_cases[i].cert);
      g_autofree char *unique = g_strdup_printf ("%s-%u", path, i);

      g_test_add_data_func (unique, &row_cases[i], test_row);
    }

  for (guint i = 0; i < G_N_ELEMENTS (file_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/inspection/file/%s", file_cases[i][0]);

      g_test_add_data_func (path, file_cases[i], test_file_object);
    }
  g_test_add_func ("/inspection/file/two-certificates", test_file_two_certificates);
  g_test_add_func ("/inspection/file/empty", test_file_empty);
  g_test_add_func ("/inspection/file/garbage", test_file_garbage);
  g_test_add_func ("/inspection/file/damaged", test_file_damaged);
  g_test_add_func ("/inspection/file/too-large", test_file_too_large);
  g_test_add_func ("/inspection/file/with-key", test_file_with_key);

  for (guint i = 0; i < G_N_ELEMENTS (chain_file_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/inspection/chain-file/%s", chain_file_cases[i][0]);

      g_test_add_data_func (path, chain_file_cases[i], test_chain_file);
    }
  g_test_add_data_func ("/inspection/chain-file/empty", "empty", test_chain_bytes);
  g_test_add_data_func ("/inspection/chain-file/damaged", "damaged", test_chain_bytes);
  g_test_add_func ("/inspection/file/bad-base64", test_file_bad_base64);
  g_test_add_data_func ("/inspection/chain-file/no-certificates", "no PEM certificates",
                        test_chain_bytes);
  g_test_add_func ("/inspection/chain/10000", test_chain_10000);
  g_test_add_func ("/inspection/chain/without-certificate", test_chain_without_certificate);
  g_test_add_func ("/inspection/several-findings", test_several_findings);
  g_test_add_func ("/inspection/dry-run-errors", test_dry_run_errors);
  g_test_add_func ("/inspection/report-model", test_report_model);
  g_test_add_func ("/inspection/report-properties", test_report_properties);
  g_test_add_func ("/inspection/async", test_async);
  g_test_add_func ("/inspection/now-default", test_now_default);
  g_test_add_func ("/inspection/bad-csr", test_bad_csr);

  g_test_add_func ("/inspection/load/file", test_load_file);
  g_test_add_func ("/inspection/load/refused", test_load_refused);
  g_test_add_func ("/inspection/load/limit", test_load_limit);
  g_test_add_func ("/inspection/load/unreadable", test_load_unreadable);
  g_test_add_func ("/inspection/load/cancelled", test_load_cancelled);
  g_test_add_func ("/inspection/load/remote", test_load_remote);

  return g_test_run ();
}
