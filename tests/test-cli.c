/* test-cli.c — chainsmith-cli end to end, and each of its refusals
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real binary ($CS_CLI) runs on a store in the test's temporary folder;
 * the `openssl` command signs its CSRs and verifies its deploy bundle, and
 * the store is read back with the _sync API to prove that a refusal changed
 * nothing.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "cs-store.h"
#include "cs-test-pki.h"
#include "cs-test-util.h"

/* Every stdout and stderr of the CLI, to look for the private key in. */
static GString *transcript;
/* What slurp() read, freed at exit. */
static GPtrArray *garbage;

/* The contents of a file of the test's folder, freed at exit. */
static const char *
slurp (const char *name)
{
  char *contents = cs_test_pki_read (name);

  g_ptr_array_add (garbage, contents);
  return contents;
}

static int
run_cliv (const char  *db,
          const char  *input,
          char       **out,
          char       **err,
          va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("CS_CLI"));
  g_ptr_array_add (argv, (char *) "--store");
  g_ptr_array_add (argv, (char *) db);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  status = cs_test_spawn ((const char * const *) argv->pdata, input, &o, &e);
  g_string_append_printf (transcript, "%s\n%s\n", o, e);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  if (err != NULL)
    *err = g_steal_pointer (&e);
  return status;
}

/* Runs the CLI on @db with the arguments (NULL-terminated). */
static int G_GNUC_NULL_TERMINATED
run_cli (const char  *db,
         const char  *input,
         char       **out,
         char       **err,
         ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_cliv (db, input, out, err, args);
  va_end (args);
  return status;
}

/* Runs the CLI, which must succeed and print nothing on stderr; returns its
 * standard output. */
static char * G_GNUC_NULL_TERMINATED
cli_ok (const char *db,
        ...)
{
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list args;
  int status;

  va_start (args, db);
  status = run_cliv (db, NULL, &out, &err, args);
  va_end (args);
  if (status != 0)
    g_error ("chainsmith-cli failed (%d): %s%s", status, out, err);
  g_assert_cmpstr (err, ==, "");
  return out;
}

static void
assert_one_line (const char *err)
{
  g_assert_true (g_str_has_prefix (err, "chainsmith-cli: "));
  g_assert_nonnull (strchr (err, '\n'));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (long) strlen (err) - 1);
}

/* A test's own store: <tmp>/<name>/cs.db. */
static char *
make_db (const char *name)
{
  g_autofree char *dir = cs_test_pki_path (name);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, "cs.db", NULL);
}

#define S(s) ((s) != NULL ? (s) : "")

/* The store as read with the _sync API: the fields, blobs and history. */
static char *
snapshot (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_new (db);
  g_autoptr(GListModel) history = NULL;
  GListModel *records;
  GString *s = g_string_new (NULL);

  g_assert_true (cs_store_open_sync (store, NULL, &error));
  g_assert_no_error (error);
  records = cs_store_get_records (store);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(CsRecord) r = g_list_model_get_item (records, i);
      g_autoptr(CsRecordDetails) d = cs_store_load_details_sync (store, r, NULL, &error);

      g_assert_no_error (error);
      g_string_append_printf (s, "%" G_GINT64_FORMAT "|%s|%s|%s|%d|%d|%s|%s|%s|%s|%s|%s\n",
                              cs_record_get_id (r), cs_record_get_name (r),
                              cs_record_get_description (r),
                              cs_record_state_get_api_name (cs_record_get_current_state (r)),
                              cs_record_get_enabled (r), cs_record_get_default_certificate (r),
                              S (cs_record_get_key_fingerprint (r)), cs_record_get_common_name (r),
                              cs_record_get_country (r), S (cs_record_details_get_csr_pem (d)),
                              S (cs_record_details_get_certificate_pem (d)),
                              S (cs_record_details_get_chain_pem (d)));
    }
  history = cs_store_load_history_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_string_append_printf (s, "history: %u events\n", g_list_model_get_n_items (history));
  return g_string_free (s, FALSE);
}

/* A refusal: the exit status, one line of reason that holds @reason, and
 * a store as it was. */
static void G_GNUC_NULL_TERMINATED
assert_refused (const char *db,
                int         expected_status,
                const char *reason,
                ...)
{
  g_autofree char *before = snapshot (db);
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  va_list args;
  int status;

  va_start (args, reason);
  status = run_cliv (db, NULL, NULL, &err, args);
  va_end (args);

  g_assert_cmpint (status, ==, expected_status);
  assert_one_line (err);
  if (strstr (err, reason) == NULL)
    g_error ("“%s” not in the reason: %s", reason, err);
  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
}

static CsRecordState
record_state (const char *db,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_new (db);
  CsRecord *record;

  g_assert_true (cs_store_open_sync (store, NULL, &error));
  record = cs_store_lookup (store, name, &error);
  g_assert_no_error (error);
  return cs_record_get_current_state (record);
}

/* The PKI: a root, an issuing CA below it, and the chain file of both. */
static void
ensure_pki (void)
{
  static gboolean done;
  g_autofree char *chain = NULL;

  if (done)
    return;
  cs_test_pki_make_root ("root", "/CN=Test Root/O=Test Org", "ec:P-256", NULL, 3650);
  cs_test_pki_make_ca ("mid", "/CN=Test Issuing CA/O=Test Org", "root",
                       CS_TEST_PKI_CA_LINES (2), 1825);
  chain = cs_test_pki_cat ("mid.pem", "root.pem", NULL);
  cs_test_pki_write ("chain.pem", chain);
  done = TRUE;
}

static int
count (const char *haystack,
       const char *needle)
{
  int n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The SHA-256 of the DER of a PEM public key, as "AB:CD:…". */
static char *
fingerprint_of_pem (const char *pem)
{
  g_auto(GStrv) lines = g_strsplit (pem, "\n", -1);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) hex = g_string_new (NULL);
  g_autofree guchar *der = NULL;
  guint8 digest[32];
  gsize length = sizeof digest;
  gsize der_length;

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "-----"))
      g_string_append (body, lines[i]);
  der = g_base64_decode (body->str, &der_length);
  g_checksum_update (checksum, der, der_length);
  g_checksum_get_digest (checksum, digest, &length);
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (hex, i == 0 ? "%02X" : ":%02X", digest[i]);
  return g_strdup (hex->str);
}

/* The lines of the table row that begins with the record's id. */
static char *
list_row (const char *list,
          const char *id)
{
  g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
  g_autofree char *prefix = g_strconcat (id, " ", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);
  g_error ("no row %s in:\n%s", id, list);
  return NULL;
}

/* add, keygen, csr (to a file and to stdout). */
static void
workflow_request (const char *db)
{
  g_autofree char *out = NULL;
  g_autofree char *csr_file = NULL;
  g_autofree char *csr_pem = NULL;

  out = cli_ok (db, "add", "Alpha", "--description", "Proxy of the head office", NULL);
  g_assert_nonnull (strstr (out, "Alpha"));
  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "keygen", "Alpha", NULL);
  g_assert_cmpint (record_state (db, "Alpha"), ==, CS_RECORD_STATE_KEYGEN_DONE);

  /* To standard output: a request that openssl verifies. */
  csr_pem = cli_ok (db, "csr", "Alpha", "--cn", "Alpha Inspection CA", "--org", "Example Corp",
                    "--dept", "IT", "--city", "Berlin", "--state", "Berlin", "--country", "DE",
                    "--out", "-", NULL);
  g_assert_true (g_str_has_prefix (csr_pem, "-----BEGIN CERTIFICATE REQUEST-----\n"));
  cs_test_pki_write ("alpha-stdout.csr", csr_pem);
  cs_test_sh ("openssl req -verify -noout -in alpha-stdout.csr 2>&1");

  /* To a file, with the digest and path length asked for. */
  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "csr", "1", "--cn", "Alpha Inspection CA", "--org", "Example Corp",
                "--country", "DE", "--digest", "sha384", "--pathlen", "1", "--file-name", "alpha",
                "--out", "alpha.csr", NULL);
  g_assert_false (g_str_has_prefix (out, "-----BEGIN"));
  cs_test_sh ("openssl req -verify -noout -in alpha.csr 2>&1");
  cs_test_sh ("openssl req -in alpha.csr -noout -text | grep -q 'sha384WithRSAEncryption'");
  cs_test_sh ("openssl req -in alpha.csr -noout -text | grep -q 'CA:TRUE, pathlen:1'");
  cs_test_sh ("openssl req -in alpha.csr -noout -subject | grep -q 'CN = Alpha Inspection CA'");
  csr_file = g_strdup (slurp ("alpha.csr"));
  g_assert_cmpstr (csr_file, !=, csr_pem);
  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "export", "Alpha", "--what", "csr", NULL);
  g_assert_cmpstr (out, ==, csr_file);
}

/* The public key, to a file and to stdout, is the request's. */
static void
workflow_public_key (const char *db)
{
  g_autofree char *out = NULL;
  g_autofree char *public_key = NULL;

  out = cli_ok (db, "public-key", "Alpha", "--out", "pub.pem", NULL);
  cs_test_sh ("openssl req -in alpha.csr -noout -pubkey > csr-pub.pem && cmp pub.pem csr-pub.pem");
  public_key = cli_ok (db, "public-key", "Alpha", NULL);
  g_assert_cmpstr (public_key, ==, slurp ("pub.pem"));
}

static void
assert_report_accepted (const char *out)
{
  g_assert_nonnull (strstr (out, "PASS  key"));
  g_assert_nonnull (strstr (out, "PASS  ca"));
  g_assert_null (strstr (out, "FAIL"));
}

/* Signing by openssl, upload from a file and from stdin, upload-chain,
 * finalize, make-default. */
static void
workflow_certificate (const char *db)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pem = NULL;

  ensure_pki ();
  cs_test_pki_sign ("mid", "alpha.csr", CS_TEST_PKI_CA_LINES (1), NULL, "alpha.pem");

  out = cli_ok (db, "upload", "Alpha", "alpha.pem", NULL);
  assert_report_accepted (out);
  g_assert_cmpint (record_state (db, "Alpha"), ==, CS_RECORD_STATE_INTCERT_UPLOAD_DONE);

  pem = g_strdup (slurp ("alpha.pem"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (db, pem, &out, &err, "upload", "Alpha", "-", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  assert_report_accepted (out);

  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "upload-chain", "Alpha", "chain.pem", NULL);
  g_assert_nonnull (strstr (out, "PASS  chain"));
  g_assert_nonnull (strstr (out, "PASS  dry-run"));
  g_assert_null (strstr (out, "FAIL"));
  g_assert_cmpint (record_state (db, "Alpha"), ==, CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE);

  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "finalize", "Alpha", NULL);
  g_assert_cmpint (record_state (db, "Alpha"), ==, CS_RECORD_STATE_CERT_READY);
  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "make-default", "Alpha", NULL);
}

/* activate --to DIR: the bundle's files, and openssl verifies a leaf that
 * its key signs. */
static char *
workflow_activate (const char *db)
{
  g_autofree char *dir = cs_test_pki_path ("bundle");
  g_autofree char *out = NULL;
  g_autofree char *key_path = g_build_filename (dir, "ca-key.pem", NULL);
  g_autofree char *chain_path = g_build_filename (dir, "ca-chain.pem", NULL);
  g_autofree char *root_path = g_build_filename (dir, "root.pem", NULL);
  g_autofree char *readme_path = g_build_filename (dir, "README", NULL);
  g_autofree char *chain = NULL;
  GStatBuf st;

  out = cli_ok (db, "activate", "--to", dir, NULL);
  g_assert_nonnull (strstr (out, dir));

  g_assert_cmpint (g_stat (key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_test (readme_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (slurp (root_path), ==, slurp ("root.pem"));

  /* The intermediate, then its issuer, without the root. */
  chain = g_strdup (slurp (chain_path));
  g_assert_true (g_str_has_prefix (chain, slurp ("alpha.pem")));
  g_assert_nonnull (strstr (chain, slurp ("mid.pem")));
  g_assert_null (strstr (chain, slurp ("root.pem")));
  g_assert_cmpint (count (chain, "-----BEGIN CERTIFICATE-----"), ==, 2);

  cs_test_pki_make_key ("leaf.key", "ec:P-256");
  cs_test_pki_make_csr ("leaf.key", "/CN=www.example.test", "leaf.csr");
  cs_test_sh ("printf 'basicConstraints=CA:FALSE\\nkeyUsage=digitalSignature\\n"
              "extendedKeyUsage=serverAuth\\nsubjectAltName=DNS:www.example.test\\n"
              "authorityKeyIdentifier=keyid\\n' > leaf.ext && "
              "openssl x509 -req -in leaf.csr -CA alpha.pem -CAkey '%s' -set_serial 7 -days 30 "
              "-extfile leaf.ext -out leaf.pem 2>&1", key_path);
  cs_test_sh ("openssl verify -purpose sslserver -CAfile '%s' -untrusted '%s' leaf.pem",
              root_path, chain_path);
  return g_strdup (slurp (key_path));
}

static void
assert_in_order (const char         *text,
                 const char * const *needles)
{
  const char *at = text;

  for (guint i = 0; needles[i] != NULL; i++)
    {
      const char *found = strstr (at, needles[i]);

      if (found == NULL)
        g_error ("“%s” not found after the previous lines in:\n%s", needles[i], text);
      at = found + strlen (needles[i]);
    }
}

static void
check_list (const char *db)
{
  g_autofree char *list = cli_ok (db, "list", NULL);
  g_autofree char *row = list_row (list, "1");
  g_autofree char *end = NULL;
  g_auto(GStrv) cells = g_regex_split_simple ("\\s+", row, 0, 0);

  g_assert_true (g_str_has_prefix (list, "ID "));
  g_assert_cmpuint (g_strv_length (cells), ==, 6);
  g_assert_cmpstr (cells[1], ==, "Alpha");
  g_assert_cmpstr (cells[2], ==, "CERT_READY");
  g_assert_cmpstr (cells[3], ==, "ENABLED");
  g_assert_cmpstr (cells[4], ==, "*");
  /* The expiry, as openssl reads it (the test runs in UTC). */
  cs_test_sh ("openssl x509 -in alpha.pem -noout -enddate -dateopt iso_8601 | "
              "sed 's/notAfter=//' | cut -c1-10 > alpha.end");
  end = g_strstrip (g_strdup (slurp ("alpha.end")));
  g_assert_cmpstr (cells[5], ==, end);
  /* Activated: nothing is pending. */
  g_assert_null (strstr (list, "pending"));
}

static void
check_list_json (const char *db)
{
  g_autofree char *out = cli_ok (db, "list", "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *record;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  record = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, "Alpha");
  g_assert_cmpstr (json_object_get_string_member (record, "currentState"), ==, "CERT_READY");
  g_assert_cmpstr (json_object_get_string_member (record, "keyType"), ==, "RSA_2K");
  g_assert_cmpstr (json_object_get_string_member (record, "signatureAlgorithm"), ==, "SHA384");
  g_assert_true (json_object_get_boolean_member (record, "defaultCertificate"));
  g_assert_true (json_object_get_boolean_member (record, "activeDefault"));
}

static void
check_show (const char *db)
{
  g_autofree char *show = cli_ok (db, "show", "Alpha", NULL);
  g_autofree char *by_id = cli_ok (db, "show", "1", NULL);
  g_autofree char *fingerprint = fingerprint_of_pem (slurp ("pub.pem"));
  const char * const fields[] = {
    "Name:", "Alpha", "Description:", "Proxy of the head office", "Protection type:",
    "CUSTOM_SW", "Region:", "GLOBAL", "Status:", "ENABLED", "Default certificate:", "yes",
    "State:", "CERT_READY", "Key type:", "RSA_2K", "Key size:", "2048", fingerprint,
    "CSR file name:", "alpha", "Common Name (CN):", "Alpha Inspection CA", "Organization:",
    "Example Corp", "Country:", "DE", "Signature algorithm:", "SHA-384",
    "Path length constraint:", "1", "Uploaded chain file:", "chain.pem",
    "-----BEGIN PUBLIC KEY-----", "PASS  file", "PASS  key", "PASS  subject", "PASS  ca",
    "PASS  key-usage", "PASS  path-length", "validity", "PASS  algorithms", "PASS  eku",
    "PASS  name-constraints", "PASS  chain", "PASS  dry-run", NULL
  };

  assert_in_order (show, fields);
  g_assert_null (strstr (show, "FAIL"));
  g_assert_cmpstr (by_id, ==, show);
}

static void
check_history (const char *db)
{
  g_autofree char *history = cli_ok (db, "history", NULL);
  const char * const newest_first[] = {
    "Configuration activated", "“Alpha” made the default", "Finalized: “Alpha”",
    "Chain uploaded: “Alpha”", "Certificate uploaded: “Alpha”", "Certificate uploaded: “Alpha”",
    "CSR generated: “Alpha”", "CSR generated: “Alpha”", "Key pair generated: “Alpha”",
    "Created: “Alpha”", NULL
  };

  assert_in_order (history, newest_first);
}

static void
check_export (const char *db)
{
  g_autofree char *certificate = cli_ok (db, "export", "Alpha", "--what", "certificate", NULL);
  g_autofree char *chain = cli_ok (db, "export", "Alpha", "--what", "chain", NULL);
  g_autofree char *with_root = cli_ok (db, "export", "Alpha", "--what", "chain", "--with-root",
                                       NULL);
  g_autofree char *public_key = cli_ok (db, "export", "Alpha", "--what", "public-key", NULL);
  g_autofree char *out = NULL;

  g_assert_cmpstr (certificate, ==, slurp ("alpha.pem"));
  g_assert_cmpstr (chain, ==, slurp ("mid.pem"));
  g_assert_cmpstr (with_root, ==, slurp ("chain.pem"));
  g_assert_cmpstr (public_key, ==, slurp ("pub.pem"));

  out = cli_ok (db, "export", "Alpha", "--what", "certificate", "--out", "exported.pem", NULL);
  g_assert_cmpstr (slurp ("exported.pem"), ==, certificate);
}

/* enable, disable and delete on a draft. */
static void
check_manage (const char *db)
{
  g_autofree char *out = NULL;
  g_autofree char *row = NULL;
  g_autofree char *list = NULL;
  g_auto(GStrv) lines = NULL;

  out = cli_ok (db, "add", "Beta", "--disabled", NULL);
  list = cli_ok (db, "list", NULL);
  row = list_row (list, "2");
  g_assert_nonnull (strstr (row, "Beta"));
  g_assert_nonnull (strstr (row, "DISABLED"));
  g_assert_nonnull (strstr (row, "GENERAL_DONE"));
  g_assert_null (strstr (row, "*"));

  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "enable", "Beta", NULL);
  g_clear_pointer (&list, g_free);
  g_clear_pointer (&row, g_free);
  list = cli_ok (db, "list", NULL);
  row = list_row (list, "2");
  g_assert_nonnull (strstr (row, " ENABLED"));

  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "disable", "2", NULL);
  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "delete", "Beta", NULL);
  g_clear_pointer (&list, g_free);
  list = cli_ok (db, "list", NULL);
  g_assert_null (strstr (list, "Beta"));
  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "history", NULL);
  lines = g_strsplit (out, "\n", -1);
  g_assert_true (g_str_has_suffix (lines[1], "  Deleted: “Beta”"));
}

/* No output of any command holds a line of the private key. */
static void
assert_no_private_key (const char *key_pem)
{
  g_auto(GStrv) lines = g_strsplit (key_pem, "\n", -1);
  guint n = 0;

  g_assert_true (g_str_has_prefix (key_pem, "-----BEGIN PRIVATE KEY-----"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "-----") || strlen (lines[i]) < 16)
        continue;
      g_assert_null (strstr (transcript->str, lines[i]));
      n++;
    }
  g_assert_cmpuint (n, >, 10);
  g_assert_null (strstr (transcript->str, "PRIVATE KEY"));
}

static void
test_workflow (void)
{
  g_autofree char *db = make_db ("workflow");
  g_autofree char *key = NULL;

  g_string_truncate (transcript, 0);
  workflow_request (db);
  workflow_public_key (db);
  workflow_certificate (db);
  key = workflow_activate (db);
  check_list (db);
  check_list_json (db);
  check_show (db);
  check_history (db);
  check_export (db);
  check_manage (db);
  assert_no_private_key (key);
}

/* A ready default "Ready" and a draft "Draft" with a CSR. */
static void
make_records (const char *db)
{
  g_autofree char *out = NULL;

  ensure_pki ();
  g_free (cli_ok (db, "add", "Ready", NULL));
  g_free (cli_ok (db, "keygen", "Ready", "--key-type", "p256", NULL));
  g_free (cli_ok (db, "csr", "Ready", "--cn", "Ready CA", "--org", "Example", "--country", "FR",
                  "--out", "ready.csr", NULL));
  cs_test_pki_sign ("mid", "ready.csr", CS_TEST_PKI_CA_LINES (1), NULL, "ready.pem");
  g_free (cli_ok (db, "upload", "Ready", "ready.pem", NULL));
  g_free (cli_ok (db, "finalize", "Ready", NULL));
  g_free (cli_ok (db, "make-default", "Ready", NULL));

  g_free (cli_ok (db, "add", "Draft", NULL));
  g_free (cli_ok (db, "keygen", "Draft", "--key-type", "p256", NULL));
  out = cli_ok (db, "csr", "Draft", "--cn", "Draft CA", "--org", "Example", "--country", "FR",
                "--out", "draft.csr", NULL);
}

static void
test_refusals_records (void)
{
  g_autofree char *db = make_db ("records");

  make_records (db);
  assert_refused (db, 1, "Nothing", "show", "Nothing", NULL);
  assert_refused (db, 1, "42", "finalize", "42", NULL);
  assert_refused (db, 1, "Ready", "add", "Ready", NULL);
  assert_refused (db, 1, "Draft", "make-default", "Draft", NULL);
  assert_refused (db, 1, "Ready", "delete", "Ready", NULL);
  assert_refused (db, 1, "Ready", "disable", "Ready", NULL);
  assert_refused (db, 1, "Draft", "finalize", "Draft", NULL);
  assert_refused (db, 1, "Ready", "keygen", "Ready", "--discard", NULL);
  assert_refused (db, 1, "certificate", "export", "Draft", "--what", "certificate", NULL);
}

static void
test_refusals_keygen (void)
{
  g_autofree char *db = make_db ("keygen");
  g_autofree char *out = NULL;

  make_records (db);
  /* A CSR depends on the key: a new key needs --discard. */
  assert_refused (db, 1, "--discard", "keygen", "Draft", NULL);
  out = cli_ok (db, "keygen", "Draft", "--discard", NULL);
  g_assert_cmpint (record_state (db, "Draft"), ==, CS_RECORD_STATE_KEYGEN_DONE);
  /* Before a CSR, a second key pair discards nothing. */
  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "keygen", "Draft", "--key-type", "rsa3072", NULL);
  g_clear_pointer (&out, g_free);
  out = cli_ok (db, "show", "Draft", NULL);
  g_assert_nonnull (strstr (out, "RSA_3K"));
  g_assert_nonnull (strstr (out, "No certificate is uploaded yet."));
}

static void
test_refusals_csr (void)
{
  g_autofree char *db = make_db ("csr");
  g_autofree char *bad_csr = NULL;

  make_records (db);
  assert_refused (db, 1, "Country", "csr", "Draft", "--cn", "Draft CA", "--org", "Example",
                  "--country", "Germany", "--out", "bad.csr", NULL);
  assert_refused (db, 1, "Country", "csr", "Draft", "--cn", "Draft CA", "--org", "Example",
                  "--country", "QQ", NULL);
  assert_refused (db, 1, "Common Name", "csr", "Draft", "--cn", " Draft CA", "--org", "Example",
                  "--country", "DE", NULL);
  bad_csr = cs_test_pki_path ("bad.csr");
  g_assert_false (g_file_test (bad_csr, G_FILE_TEST_EXISTS));
}

/* An upload that fails a check prints the report, exits 1, and stores
 * nothing. */
static void
assert_upload_refused (const char *db,
                       const char *file,
                       const char *failed_check)
{
  g_autofree char *before = snapshot (db);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (db, NULL, &out, &err, "upload", "Draft", file, NULL), ==, 1);
  assert_one_line (err);
  g_assert_nonnull (strstr (out, failed_check));
  g_assert_cmpint (count (out, "\n"), >=, 12);
  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
}

/* Over 64 KiB on standard input (through a shell pipe, as the CLI stops
 * reading after 64 KiB and one byte). */
static void
assert_stdin_too_large (const char *db)
{
  g_autofree char *line = g_strdup_printf ("head -c 70000 /dev/zero | tr '\\0' A | "
                                           "'%s' --store '%s' upload Draft -",
                                           g_getenv ("CS_CLI"), db);
  const char *argv[] = { "/bin/sh", "-c", line, NULL };
  g_autofree char *before = snapshot (db);
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (cs_test_spawn (argv, NULL, NULL, &err), ==, 1);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "64 KiB"));
  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_refusals_upload (void)
{
  g_autofree char *db = make_db ("upload");

  make_records (db);
  cs_test_pki_sign ("mid", "draft.csr",
                    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n",
                    NULL, "noca.pem");
  assert_upload_refused (db, "noca.pem", "FAIL  ca");

  cs_test_pki_make_key ("other.key", "ec:P-256");
  cs_test_pki_make_csr ("other.key", "/CN=Draft CA/O=Example/C=FR", "other.csr");
  cs_test_pki_sign ("mid", "other.csr", CS_TEST_PKI_CA_LINES (1), NULL, "other.pem");
  assert_upload_refused (db, "other.pem", "FAIL  key");

  /* A chain before the certificate, and a file that does not exist. */
  assert_refused (db, 1, "Draft", "upload-chain", "Draft", "chain.pem", NULL);
  assert_refused (db, 1, "missing.pem", "upload", "Draft", "missing.pem", NULL);
  g_assert_cmpint (record_state (db, "Draft"), ==, CS_RECORD_STATE_CSRGEN_DONE);

  assert_stdin_too_large (db);
}

static void
test_usage_errors (void)
{
  g_autofree char *db = make_db ("usage");

  g_free (cli_ok (db, "add", "Draft", NULL));
  assert_refused (db, 2, "usage: chainsmith-cli keygen NAME", "keygen", "Draft", "--key-type",
                  "rsa1024", NULL);
  assert_refused (db, 2, "usage: chainsmith-cli keygen NAME", "keygen", NULL);
  assert_refused (db, 2, "usage: chainsmith-cli upload NAME CERT.pem", "upload", "Draft", NULL);
  assert_refused (db, 2, "--cn", "csr", "Draft", "--org", "Example", "--country", "DE", NULL);
  assert_refused (db, 2, "0 or 1", "csr", "Draft", "--cn", "A", "--org", "Example",
                  "--country", "DE", "--pathlen", "2", NULL);
  assert_refused (db, 2, "sha1", "csr", "Draft", "--cn", "A", "--org", "Example",
                  "--country", "DE", "--digest", "sha1", NULL);
  assert_refused (db, 2, "--what", "export", "Draft", NULL);
  assert_refused (db, 2, "pem", "export", "Draft", "--what", "pem", NULL);
  assert_refused (db, 2, "--frobnicate", "list", "--frobnicate", NULL);
  assert_refused (db, 2, "extra", "list", "extra", NULL);
  assert_refused (db, 2, "NAME is missing", "delete", NULL);
  g_assert_cmpint (record_state (db, "Draft"), ==, CS_RECORD_STATE_GENERAL_DONE);
}

static void
test_help (void)
{
  const char * const names[] = {
    "add", "keygen", "csr", "public-key", "upload", "upload-chain", "finalize", "make-default",
    "enable", "disable", "activate", "list", "show", "export", "history", "delete", NULL
  };
  g_autofree char *db = make_db ("help");
  g_autofree char *global = cli_ok (db, "--help", NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *out = cli_ok (db, names[i], "--help", NULL);
      g_autofree char *usage = g_strdup_printf ("Usage:\n  chainsmith-cli %s [OPTION…]", names[i]);

      g_assert_true (g_str_has_prefix (out, usage));
      g_assert_nonnull (strstr (out, "--help"));
      g_assert_nonnull (strstr (global, names[i]));
    }
  /* Help opens no store. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  cs_test_init (&argc, &argv);
  /* Dates on the CLI's output are local time: make it UTC, as openssl's. */
  g_setenv ("TZ", "UTC", TRUE);
  transcript = g_string_new (NULL);
  garbage = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/cli/workflow", test_workflow);
  g_test_add_func ("/cli/refusals/records", test_refusals_records);
  g_test_add_func ("/cli/refusals/keygen", test_refusals_keygen);
  g_test_add_func ("/cli/refusals/csr", test_refusals_csr);
  g_test_add_func ("/cli/refusals/upload", test_refusals_upload);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/help", test_help);

  status = g_test_run ();
  g_ptr_array_unref (garbage);
  g_string_free (transcript, TRUE);
  return status;
}
